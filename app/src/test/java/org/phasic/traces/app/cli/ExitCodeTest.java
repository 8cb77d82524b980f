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
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.app.testing.CliRun;

/**
 * The exit-code table of the README, command by command: 2 for usage, configuration, an unknown id or a missing input
 * file, 1 when the operation itself failed; every error is {@code phasic-traces: ...} on standard error.
 */
class ExitCodeTest {
    private static final String DIR = "{dir}";
    /** A message prefix saying the message is a result on standard output, not an error line. */
    private static final String OUT = "stdout:";
    private static final String N5_GZ = Path.of("src/bundle/kingman_n5_theta1/trace.json.gz").toAbsolutePath().toString();

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
                row(1, "cannot import " + DIR + "/linked/link: symbolic links are not supported", "cid", DIR + "/linked"),
                row(2, "Unknown option: '--nope'", "verify", "--nope"),
                row(2, "Unknown option: '--nope'", "gc", "--nope"),
                row(2, "no such file: " + DIR + "/missing.json", "registry", "validate", DIR + "/missing.json"),
                row(1, OUT + "defect", "registry", "validate", DIR + "/garbage.car"),
                row(2, "Missing required parameter: 'DIR'", "registry", "init"),
                row(1, "", "registry", "init", DIR + "/garbage.car"),
                row(2, "Unknown option: '--nope'", "registry", "update", "--nope"),
                row(2, "no private mirror is configured", "cache", "push", "--all"),
                row(2, "no private mirror is configured", "cache", "pull"),
                row(2, "no private mirror is configured", "cache", "ls"),
                row(2, "Unknown option: '--nope'", "daemon", "status", "--nope"),
                row(1, "publish: metadata model_type is missing", "publish", N5_GZ, "--id", "x", "--dry-run"),
                row(1, "cannot read", "eval", "--file", DIR + "/garbage.car", "--theta", "1", "--times", "1"),
                row(2, "the local store does not hold nonexistent_x; nothing was removed", "store", "rm", "nonexistent_x"),
                row(2, "unknown configuration key 'instal.jobs'", "config", "set", "instal.jobs", "4"),
                row(2, "invalid value '0' for install.jobs", "config", "set", "install.jobs", "0"),
                row(2, "unknown configuration key 'instal.jobs'", "config", "unset", "instal.jobs"));
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
        if (message.startsWith(OUT)) {
            assertThat(run.out()).contains(message.substring(OUT.length()));
        } else {
            assertThat(run.err()).contains("phasic-traces: " + message.replace(DIR, dir.toString()));
        }
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("-")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"show ID", "get ID", "eval ID --theta 1 --times 1", "pin ID", "install ID", "store rm ID"})
    void anUnknownIdSuggestsTheClosestKnownOne(String command) {
        List<String> args = new ArrayList<>(List.of("--offline"));
        List.of(command.split(" ")).forEach(arg -> args.add(arg.equals("ID") ? "kingman_n3_theta" : arg));
        if (command.startsWith("store")) {
            assertThat(CliRun.run(Map.of(), dir, "--offline", "get", "kingman_n3_theta1").code()).isZero();
        }

        CliRun run = CliRun.run(Map.of(), dir, args);

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("did you mean 'kingman_n3_theta1'?");
    }

    @Test
    void verifyExitsOneForADamagedStore() throws Exception {
        Path stored = CliRun.run(Map.of(), dir, "--offline", "get", "kingman_n3_theta1").firstLine();
        stored.toFile().setWritable(true);
        Files.write(stored, new byte[] {1, 2, 3});

        CliRun run = CliRun.run(Map.of(), dir, "--offline", "verify");

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("bad ");
        assertThat(run.err()).contains("hint: run 'phasic-traces verify --fix'");
    }

    /** The README's table names, for unknown ids and missing input files, exactly the commands tested above. */
    @Test
    void theReadmeExitCodeTableNamesTheCommandsTestedHere() throws Exception {
        String row = Files.readAllLines(Path.of("../README.md")).stream().filter(line -> line.startsWith("| 2 |")).findFirst()
                .orElseThrow();
        List<String> rows = failures().map(arguments -> (List<?>) arguments.get()[3]).map(args -> (String) args.get(0)).toList();
        List<String> unknownId = failures().filter(arguments -> ((String) arguments.get()[2]).startsWith("unknown trace id")
                || ((String) arguments.get()[2]).contains(": unknown trace id")).map(arguments -> ((List<?>) arguments.get()[3]).get(0))
                .map(String.class::cast).distinct().toList();

        assertThat(rows).contains("verify", "gc", "registry", "cache", "daemon", "publish", "pin", "eval", "install", "get", "show",
                "list", "cid", "car", "store", "config");
        for (String command : unknownId) {
            assertThat(row.substring(row.indexOf("unknown trace id"))).contains("`" + command);
        }
        for (String command : List.of("cid", "car", "eval --file", "publish", "registry validate")) {
            assertThat(row.substring(row.indexOf("missing input file"))).contains("`" + command + "`");
        }
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
