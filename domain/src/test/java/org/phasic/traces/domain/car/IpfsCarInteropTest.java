package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.domain.vectors.LcgInputStream;
import org.phasic.traces.domain.vectors.MemoryBlocks;
import org.phasic.traces.domain.vectors.Trees;
import org.phasic.traces.domain.vectors.Vectors;

/**
 * CARs written by our importer and {@link CarWriter} are unpacked by npm ipfs-car 3.1.0 (an independent
 * implementation, which verifies every block) into the original bytes. ipfs-car installs itself on first use with
 * {@code tools/test-peers.sh} (once per machine, into the shared test-peer cache); the tests are skipped, with the
 * reason, only where that cannot work: no node or npm, or npm cannot reach its registry.
 */
class IpfsCarInteropTest {

    private static final Path TEST_PEERS = Path.of("..", "tools", "test-peers.sh");
    private static final int UNAVAILABLE = 75;

    /** The ipfs-car executable, or null when it cannot be installed here. */
    private static Path ipfsCar;
    /** Why ipfs-car cannot run here, or null if it can; checked once. */
    private static String unavailable;

    @BeforeAll
    static void installIpfsCar() throws IOException, InterruptedException {
        Result install;
        try {
            install = run(List.of("bash", TEST_PEERS.toString(), "install", "ipfs-car"), Path.of("."),
                    Duration.ofMinutes(15));
        } catch (IOException noBash) {
            unavailable = "cannot run bash (" + noBash.getMessage() + ")";
            return;
        }
        if (install.exit() == UNAVAILABLE) {
            unavailable = lastLine(install.output());
            return;
        }
        assertThat(install.exit()).as("test-peers.sh install ipfs-car: %s", install.output()).isZero();
        ipfsCar = Path.of(lastLine(install.output()), "node_modules", ".bin", "ipfs-car");
        Result version = run(List.of(ipfsCar.toString(), "--version"), Path.of("."), Duration.ofMinutes(1));
        assertThat(version.output()).as("ipfs-car --version").contains("3.1.0");
    }

    /** Skips each test, with the reason, when ipfs-car cannot be installed on this machine. */
    @BeforeEach
    void requireIpfsCar() {
        Assumptions.assumeTrue(unavailable == null, () -> "npm ipfs-car@3.1.0 is unavailable: " + unavailable);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void unpacksATreeWithCidV0AndDagPbLeaves(@TempDir Path tmp) throws Exception {
        MemoryBlocks blocks = new MemoryBlocks();
        Cid root = new UnixFsImporter(ImportProfile.KUBO, blocks)
                .importPath(Vectors.buildTree("big-tree", tmp.resolve("in"))).root();
        Path out = unpack(tmp, root, blocks);
        Map<String, byte[]> expected = Trees.expected("big-tree");
        Map<String, byte[]> actual = Trees.read(out);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void unpacksMultiLevelFiles(@TempDir Path tmp) throws Exception {
        List<ImportProfile> profiles = List.of(ImportProfile.IPFS_CAR, new ImportProfile(0, false, 1024, 174),
                new ImportProfile(1, true, 64, 3));
        for (ImportProfile profile : profiles) {
            MemoryBlocks blocks = new MemoryBlocks();
            int size = profile.chunkSize() * (profile.chunkSize() > 1024 ? 3 : 175) + 3;
            Cid root = new UnixFsImporter(profile, blocks).importFile(new LcgInputStream(9, size)).cid();
            Path out = unpack(Files.createTempDirectory(tmp, "p"), root, blocks);
            assertThat(Files.readAllBytes(out)).isEqualTo(LcgInputStream.bytes(9, size));
        }
    }

    private static Path unpack(Path tmp, Cid root, MemoryBlocks blocks) throws IOException, InterruptedException {
        Path car = tmp.resolve("ours.car");
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, root)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        Path out = tmp.resolve("out");
        Result result = run(List.of(ipfsCar.toString(), "unpack", car.toString(), "--output", out.toString()), tmp,
                Duration.ofMinutes(2));
        assertThat(result.exit()).as("ipfs-car unpack: %s", result.output()).isZero();
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path workDir, Duration limit)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
