package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain {@code get ID}, {@code show ID} and {@code list} answered without picocli's model print, warn, fail and
 * exit exactly as the same command lines do through picocli; every other command line is left to picocli.
 */
class DirectTraceCommandTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path userHome;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome direct(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<Integer> code = DirectTraceCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment, userHome);
        assertThat(code).as("taken by the direct path: %s", List.of(args)).isPresent();
        return new Outcome(code.get(), out.toString(), err.toString());
    }

    private Outcome parsed(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.parsed(args, new PrintWriter(out, true), new PrintWriter(err, true), environment, userHome);
        return new Outcome(code, out.toString(), err.toString());
    }

    private void sameAsPicocli(Map<String, String> environment, String... args) {
        Outcome viaPicocli = parsed(environment, args);
        Outcome direct = direct(environment, args);

        assertThat(direct).as("%s", List.of(args)).isEqualTo(viaPicocli);
    }

    private String home(String name) {
        return userHome.resolve(name).toString();
    }

    @Test
    void aStoreHitAndAFetchFromTheBundlePrintTheSame() {
        String home = home("h");
        Outcome first = direct(Map.of(), "--home", home, "get", ID);
        assertThat(first.code()).isZero();
        assertThat(first.err()).contains("from bundled library, verified");

        sameAsPicocli(Map.of(), "--home", home, "get", ID);
        sameAsPicocli(Map.of(), "-q", "--home=" + home, "get", ID);
        sameAsPicocli(Map.of(), "get", ID, "--home", home, "--quiet", "--offline");
        sameAsPicocli(Map.of(), "--set", "registry.maxAge=2h", "--home", home, "get", ID, "--set=offline=true");
        assertThat(direct(Map.of(), "--home", home, "get", ID).err()).contains("from local store, verified");
    }

    @Test
    void theHomeComesFromTheEnvironmentAsThroughPicocli() {
        Map<String, String> environment = Map.of("PHASIC_TRACES_HOME", home("env"));
        Outcome got = direct(environment, "get", ID);

        assertThat(got.out().strip()).startsWith(home("env"));
        sameAsPicocli(environment, "get", ID);
    }

    @Test
    void aSupersededTraceWarnsAsThroughPicocli() {
        String home = home("h");
        direct(Map.of(), "--home", home, "-q", "get", "coalescent_n5_theta1");

        sameAsPicocli(Map.of(), "--home", home, "-q", "get", "coalescent_n5_theta1");
        assertThat(direct(Map.of(), "--home", home, "-q", "get", "coalescent_n5_theta1").err()).contains("warning:");
    }

    @Test
    void failuresReportTheSameLineHintAndExitCode() throws IOException {
        String home = home("h");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "get", "kingman_n5_theta");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "get", "Not/An/Id");
        Path file = Files.writeString(userHome.resolve("a-file"), "not a folder");
        sameAsPicocli(Map.of(), "--home", file.toString(), "get", ID);
        sameAsPicocli(Map.of("PHASIC_TRACES_REGISTRY_MAXAGE", "soon"), "--home", home, "get", ID);
        sameAsPicocli(Map.of(), "--home", home, "--set", "registry.maxage=2h", "get", ID);
        sameAsPicocli(Map.of(), "--home", home, "--set", "registry.maxAge=soon", "get", ID);
        Outcome debugViaPicocli = parsed(Map.of(), "--home", file.toString(), "--debug", "get", ID);
        Outcome debug = direct(Map.of(), "--home", file.toString(), "--debug", "get", ID);
        assertThat(debug.code()).isEqualTo(debugViaPicocli.code()).isEqualTo(ExitCode.USAGE);
        assertThat(debug.err().lines().limit(3)).containsExactlyElementsOf(debugViaPicocli.err().lines().limit(3).toList());
        assertThat(debug.err()).contains("\tat org.phasic.traces.app.config.ConfigLoader");

        unknownIdIsAUsageErrorWithSuggestions(home, "get");
    }

    private void unknownIdIsAUsageErrorWithSuggestions(String home, String command) {
        Outcome unknown = direct(Map.of(), "--home", home, "--offline", command, "kingman_n5_theta");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("phasic-traces: ").contains("hint: did you mean");
    }

    @Test
    void showPrintsWarnsAndFailsAsThroughPicocli() throws IOException {
        String home = home("h");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "show", ID);
        direct(Map.of(), "--home", home, "-q", "get", ID);
        Outcome stored = direct(Map.of(), "--home", home, "show", ID, "--offline");
        assertThat(stored.out()).startsWith(ID + "\n").contains("  stored       " + home);
        sameAsPicocli(Map.of(), "show", ID, "--home", home, "--offline", "-q");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "show", "coalescent_n5_theta1");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "show", "kingman_n5_theta");
        sameAsPicocli(Map.of(), "--home", home, "--offline", "show", "Not/An/Id");
        Path file = Files.writeString(userHome.resolve("a-file"), "not a folder");
        sameAsPicocli(Map.of(), "--home", file.toString(), "show", ID);

        unknownIdIsAUsageErrorWithSuggestions(home, "show");
    }

    @Test
    void listPrintsAndFailsAsThroughPicocli() throws IOException {
        String home = home("h");
        Outcome listed = direct(Map.of(), "--home", home, "--offline", "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).startsWith("ID ").contains(ID);
        sameAsPicocli(Map.of(), "--home", home, "--offline", "list");
        sameAsPicocli(Map.of(), "list", "-q", "--home=" + home, "--offline");
        Path file = Files.writeString(userHome.resolve("a-file"), "not a folder");
        sameAsPicocli(Map.of(), "--home", file.toString(), "list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list X", "list --json", "list --domain d", "list list", "show", "get",
            "show X --json", "show X Y", "get X show", "show -q", "get --json X",
            "get X Y", "--set offline get X", "--set =x get X",
            "--set a=1 --set a=2 get X", "get X --set", "-p offline get X", "get X --force",
            "get -- X", "get @args", "-q -q get X", "--quiet -q get X", "--home get X", "X get", "get X -o -",
            "--home a --home b get X", "get X --dir d", "-qd get X", "--version", "--help get X"})
    void everyOtherCommandLineIsLeftToPicocli(String line) {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));

        assertThat(DirectTraceCommand.Plain.parse(args.toArray(String[]::new))).as(line).isEmpty();
    }

    @Test
    void thePlainFormsAreParsedWithTheirOptions() {
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"--debug", "get", "x1", "--home=/tmp/h", "--offline", "-q"}))
                .contains(new DirectTraceCommand.Plain("get", "x1", Path.of("/tmp/h"), Map.of(), true, true, true));
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"get", "x1"}))
                .contains(new DirectTraceCommand.Plain("get", "x1", null, Map.of(), false, false, false));
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"--offline", "show", "x1"}))
                .contains(new DirectTraceCommand.Plain("show", "x1", null, Map.of(), true, false, false));
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"--home", "/tmp/h", "list"}))
                .contains(new DirectTraceCommand.Plain("list", null, Path.of("/tmp/h"), Map.of(), false, false, false));
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"show", "get"}))
                .contains(new DirectTraceCommand.Plain("show", "get", null, Map.of(), false, false, false));
        assertThat(DirectTraceCommand.Plain.parse(new String[] {"--set", "registry.url=http://h/r.json?a=b", "get", "x1", "--set=offline=true"}))
                .contains(new DirectTraceCommand.Plain("get", "x1", null, Map.of("registry.url", "http://h/r.json?a=b", "offline", "true"),
                        false, false, false));
    }
}
