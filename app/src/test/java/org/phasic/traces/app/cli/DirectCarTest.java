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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * The plain {@code car verify} and {@code car unpack} answered without picocli's model print, fail and exit exactly as
 * the same command lines do through picocli, and leave the same files; every other command line is left to picocli.
 */
class DirectCarTest {
    @TempDir
    Path tmp;
    private String car;
    private String corrupt;
    private String twoRoots;
    private Cid root;
    private Cid other;

    private record Outcome(int code, String out, String err, List<String> left) {
    }

    @BeforeEach
    void writeCars() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("src/code"));
        Files.writeString(source.resolve("model.py"), "print('hi')\n");
        Files.write(source.resolveSibling("trace.bin"), new byte[3 << 20]);
        List<Block> blocks = new ArrayList<>();
        root = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks::add).importPath(source.getParent()).root();
        car = write("trace.car", blocks, root).toString();
        byte[] bytes = Files.readAllBytes(Path.of(car));
        bytes[bytes.length / 2] ^= 1;
        corrupt = Files.write(tmp.resolve("corrupt.car"), bytes).toString();
        List<Block> more = new ArrayList<>();
        other = new UnixFsImporter(ImportProfile.KUBO, more::add).importPath(source).root();
        blocks.addAll(more);
        twoRoots = write("two.car", blocks, root, other).toString();
    }

    private Path write(String name, List<Block> blocks, Cid... roots) throws IOException {
        Path path = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(path); CarWriter writer = new CarWriter(file, List.of(roots))) {
            for (Block block : blocks) {
                writer.accept(block);
            }
        }
        return path;
    }

    /** Runs {@code args} through the direct path or picocli, then lists what they left under the output folder. */
    private Outcome outcome(boolean direct, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        if (direct) {
            Optional<Integer> taken = DirectCar.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(taken).as("taken by the direct path: %s", List.of(args)).isPresent();
            code = taken.get();
        } else {
            code = Main.parsed(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), tmp.resolve("home"));
        }
        Path outputs = tmp.resolve("outputs");
        List<String> left = new ArrayList<>();
        if (Files.isDirectory(outputs)) {
            try (var walk = Files.walk(outputs)) {
                walk.map(path -> outputs.relativize(path).toString()).sorted().forEach(left::add);
            }
        }
        TemporaryFolder.deleteTree(outputs);
        return new Outcome(code, out.toString(), err.toString(), left);
    }

    private void sameAsPicocli(String... args) throws IOException {
        Outcome viaPicocli = outcome(false, args);
        Outcome direct = outcome(true, args);
        assertThat(direct).as("%s", List.of(args)).isEqualTo(viaPicocli);
    }

    private String output(String name) {
        return tmp.resolve("outputs").resolve(name).toString();
    }

    @Test
    void verifyPrintsAndFailsAsThroughPicocli() throws IOException {
        sameAsPicocli("car", "verify", car);
        sameAsPicocli("-q", "car", "verify", car, "--json");
        sameAsPicocli("car", "verify", "--debug", "--offline", car);
        sameAsPicocli("car", "verify", twoRoots, "--json");
        sameAsPicocli("car", "verify", corrupt);
        sameAsPicocli("car", "verify", corrupt, "--json");
    }

    @Test
    void unpackWritesPrintsAndFailsAsThroughPicocli() throws IOException {
        assertThat(outcome(true, "car", "unpack", car, output("a")).left()).contains("a/code/model.py", "a/trace.bin");
        sameAsPicocli("car", "unpack", car, output("a"));
        sameAsPicocli("car", "unpack", car, output("a/b"), "--json");
        sameAsPicocli("--quiet", "car", "unpack", "--root", root.toString(), twoRoots, output("a"));
        sameAsPicocli("car", "unpack", "--root=" + other, twoRoots, output("a"), "--json");
        sameAsPicocli("car", "unpack", twoRoots, output("a"));
        sameAsPicocli("car", "unpack", "--root", other.toString(), car, output("a"));
        sameAsPicocli("car", "unpack", corrupt, output("a"));
        sameAsPicocli("car", "unpack", car, car);
    }

    @Test
    void everyOtherCommandLineIsLeftToPicocli() {
        String missing = tmp.resolve("missing.car").toString();
        List<List<String>> others = List.of(List.of("car", "verify", missing), List.of("car", "verify", tmp.toString()),
                List.of("car", "unpack", car), List.of("car", "verify", car, "--root", root.toString()),
                List.of("car", "unpack", car, "o", "--root", "not-a-cid"), List.of("car", "unpack", car, "o", "--root"),
                List.of("car", "--json", "verify", car), List.of("car", "verify", car, "extra"),
                List.of("car", "verify", "--", car), List.of("car", "verify", "@" + car), List.of("car", "verify", car, "-x"),
                List.of("--home", tmp.toString(), "car", "verify", car), List.of("car", "verify", car, "--json", "--json"),
                List.of("verify", car), List.of("get", "kingman_n5_theta1"), List.of("car"), List.of("car", "verify"),
                List.of("car", "check", car), List.of("cid", "verify", car), List.of("-q", "-q", "car", "verify", car),
                List.of("car", "verify", car, "--help"));
        for (List<String> args : others) {
            assertThat(DirectCar.Plain.parse(args.toArray(String[]::new))).as("%s", args).isEmpty();
        }
    }
}
