package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.testing.CliRun;

/**
 * The exit-code table of the README, command by command: 2 for usage, configuration, an unknown id or a missing input
 * file, 1 when the operation itself failed; every error is {@code phasic-traces: ...} on standard error.
 */
class ExitCodeTest {
    private static final String DIR = "{dir}";

    @TempDir
    Path dir;

    static Stream<Arguments> failures() {
        return Stream.of(
                row(2, "unknown trace id 'nonexistent_x'", "show", "nonexistent_x"),
                row(2, "unknown trace id 'nonexistent_x'", "get", "nonexistent_x"),
                row(2, "unknown trace id 'nonexistent_x'", "eval", "nonexistent_x", "--theta", "1", "--times", "1"),
                row(2, "unknown trace id 'nonexistent_x'", "pin", "nonexistent_x"),
                row(2, "'kingman_n3_theta1' is not pinned", "pin", "--remove", "kingman_n3_theta1"),
                row(2, "failed nonexistent_x: unknown trace id 'nonexistent_x'", "install", "nonexistent_x"),
                row(2, "no such file: " + DIR + "/missing", "cid", DIR + "/missing"),
                row(2, "no such file: " + DIR + "/missing.car", "car", "verify", DIR + "/missing.car"),
                row(2, "no such file: " + DIR + "/missing.car", "car", "unpack", DIR + "/missing.car", DIR + "/out"),
                row(2, "no such file: " + DIR + "/missing.json", "eval", "--file", DIR + "/missing.json", "--theta", "1",
                        "--times", "1"),
                row(2, "publish: no such file: " + DIR + "/missing.json", "publish", DIR + "/missing.json", "--id", "x"),
                row(2, "Missing required parameter", "get"),
                row(2, "unknown command 'lsit'", "lsit"),
                row(2, "Unknown option: '--nope'", "list", "--nope"),
                row(2, "Unknown option: '--nope'", "registry", "validate", "--nope"),
                row(2, "invalid value '0' for install.jobs", "--set", "install.jobs=0", "install"),
                row(2, "--jobs must be between 1 and 64, not 0", "install", "--jobs", "0"),
                row(1, DIR + "/garbage.car: ", "car", "verify", DIR + "/garbage.car"),
                row(1, "cannot import " + DIR + "/linked/link: symbolic links are not supported", "cid", DIR + "/linked"));
    }

    private static Arguments row(int code, String message, String... args) {
        return Arguments.of(String.join(" ", args), code, message, List.of(args));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void exitsWithTheDocumentedCodeAndOnePrefix(String name, int code, String message, List<String> args) throws Exception {
        Files.write(dir.resolve("garbage.car"), new byte[] {1, 2, 3, 4, 5});
        Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(dir.resolve("linked/link"), dir.resolve("garbage.car"));
        List<String> all = new ArrayList<>(List.of("--offline"));
        args.forEach(arg -> all.add(arg.replace(DIR, dir.toString())));

        CliRun run = CliRun.run(Map.of(), dir, all);

        assertThat(run.code()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains("phasic-traces: " + message.replace(DIR, dir.toString()));
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("-")).doesNotExist();
    }

    @Test
    void anUnknownIdSuggestsTheClosestKnownOne() {
        CliRun run = CliRun.run(Map.of(), dir, "--offline", "show", "kingman_n3_theta");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("hint: did you mean 'kingman_n3_theta1'?");
    }

    @Test
    void listSortsIdsNaturallyAndCutsNothingWhenNotOnATerminal() {
        CliRun run = CliRun.run(Map.of(), dir, "--offline", "list");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> ids = run.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList();
        assertThat(ids).containsSubsequence("kingman_n3_theta1", "kingman_n5_theta1", "kingman_n10_theta1",
                "kingman_n15_theta1", "kingman_n20_theta1");
        assertThat(run.out()).doesNotContain("...");
    }

    @Test
    void pinWithoutPinsSaysSoAndListsPinsInNaturalOrder() {
        CliRun none = CliRun.run(Map.of(), dir, "--offline", "pin");
        CliRun pinned = CliRun.run(Map.of(), dir, "--offline", "pin", "kingman_n10_theta1", "kingman_n3_theta1");

        assertThat(none.code()).isZero();
        assertThat(none.err()).contains("no pins");
        assertThat(pinned.code()).as(pinned.err()).isZero();
        assertThat(pinned.out().lines()).containsExactly("kingman_n3_theta1", "kingman_n10_theta1");
    }

    @Test
    void dashAsOutputWritesTheTraceToStandardOutput() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        CliRun run;
        System.setOut(new PrintStream(bytes, true));
        try {
            run = CliRun.run(Map.of(), dir, "--offline", "get", "kingman_n3_theta1", "-o", "-");
        } finally {
            System.setOut(original);
        }

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(dir.resolve("-")).doesNotExist();
        Path stored = CliRun.run(Map.of(), dir, "--offline", "get", "kingman_n3_theta1").firstLine();
        assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(stored));
    }
}
