package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * implementation, which verifies every block) into the original bytes. Needs {@code npx} with ipfs-car@3.1.0
 * in the npm cache ({@code npx --yes ipfs-car@3.1.0 --version} once); runs offline, and is skipped with a loud
 * message where that is missing.
 */
class IpfsCarInteropTest {

    private static final String IPFS_CAR = "ipfs-car@3.1.0";

    /** Why ipfs-car cannot run here, or null if it can; checked once. */
    private static String unavailable;

    @BeforeAll
    static void probeIpfsCar() throws InterruptedException {
        try {
            Result version = npx(List.of("--version"), Path.of("."));
            unavailable = version.exit() == 0 && version.output().contains("3.1.0") ? null
                    : "exit " + version.exit() + ": " + lastLine(version.output());
        } catch (IOException e) {
            unavailable = e.getMessage();
        }
    }

    /** Skips each test loudly (reported as skipped) when ipfs-car cannot run. */
    @BeforeEach
    void requireIpfsCar() {
        if (unavailable != null) {
            String message = "SKIPPED: npx " + IPFS_CAR + " is not available offline (" + unavailable
                    + "); run `npx --yes " + IPFS_CAR + " --version` once with access to the npm registry";
            System.err.println(message);
            Assumptions.abort(message);
        }
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
        Result result = npx(List.of("unpack", car.toString(), "--output", out.toString()), tmp);
        assertThat(result.exit()).as("ipfs-car unpack: %s", result.output()).isZero();
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result npx(List<String> arguments, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", IPFS_CAR));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("npm_config_offline", "true");
        builder.environment().put("npm_config_update_notifier", "false");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
