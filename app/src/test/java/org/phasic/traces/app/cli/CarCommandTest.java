package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsData;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import picocli.CommandLine;

class CarCommandTest {

    @TempDir
    Path tmp;
    private Path source;
    private Path car;
    private Cid root;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeCar() throws IOException {
        source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("trace.json.gz"), "x".repeat(300_000));
        Files.createDirectories(source.resolve("code"));
        Files.writeString(source.resolve("code/model.py"), "print('hi')\n");
        car = tmp.resolve("trace.car");
        root = writeCar(car, source, ImportProfile.KUBO);
    }

    private static Cid writeCar(Path car, Path content, ImportProfile profile) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Cid root = new UnixFsImporter(profile, blocks::add).importPath(content).root();
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, root)) {
            for (Block block : blocks) {
                writer.accept(block);
            }
        }
        return root;
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CarCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void verifyReportsBlocksAndTheCompleteRoot() {
        assertThat(run("verify", car.toString())).isZero();
        assertThat(out.toString()).startsWith("ok: " + car + ": 6 blocks verified, ")
                .contains("root " + root + ": complete, 2 files, 2 directories, 300012 bytes");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void verifyAndUnpackPrintJsonOnRequest() throws IOException {
        assertThat(run("verify", car.toString(), "--json")).isZero();
        com.fasterxml.jackson.databind.JsonNode verified = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(verified.get("blocks").asInt()).isEqualTo(6);
        assertThat(verified.get("roots").get(0).get("root").asText()).isEqualTo(root.toString());
        assertThat(verified.get("roots").get(0).get("bytes").asLong()).isEqualTo(300012);
        out.getBuffer().setLength(0);

        assertThat(run("unpack", car.toString(), tmp.resolve("unpacked").toString(), "--json")).isZero();
        com.fasterxml.jackson.databind.JsonNode unpacked = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(unpacked.get("root").asText()).isEqualTo(root.toString());
        assertThat(unpacked.get("files").asInt()).isEqualTo(2);
        assertThat(tmp.resolve("unpacked/code/model.py")).hasContent("print('hi')");
    }

    @Test
    void verifyFailsOnAFlippedByteWithOneLineNamingTheOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(car);
        bytes[bytes.length - 10] ^= 1;
        Files.write(car, bytes);
        assertThat(run("verify", car.toString())).isEqualTo(1);
        assertThat(err.toString()).matches("phasic-traces: " + car.toString().replace("\\", "\\\\")
                + ": block hash mismatch at byte offset \\d+: the section's \\d+ bytes do not hash to \\S+\n");
    }

    @Test
    void verifyFailsOnAnIncompleteDag() throws IOException {
        List<Block> blocks = new ArrayList<>();
        Cid incompleteRoot = new UnixFsImporter(ImportProfile.KUBO, blocks::add).importPath(source).root();
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, incompleteRoot)) {
            for (Block block : blocks.subList(1, blocks.size())) {
                writer.accept(block);
            }
        }
        assertThat(run("verify", car.toString())).isEqualTo(1);
        assertThat(err.toString()).matches("phasic-traces: .*: block \\S+ not found\n");
    }

    @Test
    void unpackWritesTheTreeByteIdentically() throws IOException {
        Path target = tmp.resolve("out");
        assertThat(run("unpack", car.toString(), target.toString())).isZero();
        assertThat(out).hasToString("unpacked " + root + " to " + target + ": 2 files, 2 directories, 300012 bytes\n");
        assertThat(Files.readString(target.resolve("trace.json.gz"))).isEqualTo("x".repeat(300_000));
        assertThat(Files.readString(target.resolve("code/model.py"))).isEqualTo("print('hi')\n");
        assertThat(run("unpack", car.toString(), target.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not empty; unpack needs a new or empty directory");
    }

    @Test
    void unpackRefusesEvilNamesAndLeavesNothingBehind() throws IOException {
        Block payload = Block.of(1, Multicodec.RAW, "pwned".getBytes());
        Block evil = Block.of(1, Multicodec.DAG_PB, PBNode.of(List.of(PBLink.of(payload.cid(), "ok.txt", 5),
                PBLink.of(payload.cid(), "../evil", 5)), UnixFsData.directory().encode()).encode());
        Path evilCar = tmp.resolve("evil.car");
        try (OutputStream file = Files.newOutputStream(evilCar); CarWriter writer = new CarWriter(file, evil.cid())) {
            writer.accept(evil);
            writer.accept(payload);
        }
        Path target = tmp.resolve("unpacked");
        assertThat(run("unpack", evilCar.toString(), target.toString())).isEqualTo(1);
        assertThat(err).hasToString("phasic-traces: " + evilCar + ": directory " + evil.cid()
                + ": unsafe entry name '../evil': contains '/'\n");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "trace.car",
                    "evil.car");
        }
    }

    @Test
    void unpackOfAFileWithACorruptLeafInTheMiddleLeavesNoFileAndNoStaging() throws IOException {
        byte[] content = new byte[12 << 20];
        new java.util.Random(6).nextBytes(content);
        Files.write(source.resolve("trace.json.gz"), content);
        Path big = tmp.resolve("big.car");
        Cid bigRoot = writeCar(big, source, ImportProfile.IPFS_CAR);
        Path target = tmp.resolve("out");
        assertThat(run("unpack", big.toString(), target.toString())).isZero();
        assertThat(Files.readAllBytes(target.resolve("trace.json.gz"))).isEqualTo(content);
        assertThat(out.toString()).startsWith("unpacked " + bigRoot + " to " + target + ": 2 files, 2 directories, ");

        long middleLeaf;
        try (org.phasic.traces.domain.car.CarFile file = org.phasic.traces.domain.car.CarFile.open(big)) {
            middleLeaf = file.offsetOf(new ArrayList<>(file.cids()).get(6)).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(big);
        bytes[(int) middleLeaf + 5000] ^= 1;
        Files.write(big, bytes);
        Path second = tmp.resolve("second");
        assertThat(run("unpack", big.toString(), second.toString())).isEqualTo(1);
        assertThat(err.toString()).matches("phasic-traces: " + big.toString().replace("\\", "\\\\")
                + ": block hash mismatch: the 1048576 bytes received for \\S+ \\(section at byte offset " + middleLeaf
                + "\\) do not hash to it\n");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "trace.car",
                    "big.car", "out");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("unpack", car.toString())).isEqualTo(2);
        assertThat(run("unpack", "--root", "not-a-cid", car.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--root: invalid CID \"not-a-cid\"");
        assertThat(run("verify", tmp.resolve("nope.car").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file: " + tmp.resolve("nope.car"));
        assertThat(run("unpack", tmp.resolve("nope.car").toString(), tmp.resolve("o").toString())).isEqualTo(2);
    }
}
