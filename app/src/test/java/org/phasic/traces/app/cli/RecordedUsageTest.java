package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage recorded by the build is what picocli prints for the same command line, for every command. */
class RecordedUsageTest {
    private static final String ESCAPE_SEQUENCES = "\u001b\\[[0-9;]*m";

    @TempDir
    Path userHome;

    @Test
    void theRecordOfEveryCommandIsWhatPicocliPrints() {
        List<List<String>> paths = Stream.concat(Stream.of(List.<String>of()), HelpTreeTest.commands()).toList();
        assertThat(paths).hasSizeGreaterThan(30).contains(List.of(), List.of("get"), List.of("car", "verify"), List.of("help"));

        for (List<String> path : paths) {
            String picocli = picocli(path, "--help");
            assertThat(picocli).as("%s --help", path).contains("Usage: phasic-traces");
            assertThat(recorded(path, "--help")).as("%s --help", path).contains(picocli);
            assertThat(recorded(path, "-h")).as("%s -h", path).contains(picocli);
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(path);
            assertThat(RecordedUsage.forArguments(help.toArray(String[]::new), Map.of())).as("help %s", path)
                    .contains(picocli(help));
        }
    }

    @Test
    void theColouredRecordIsThePlainOneWithColours() {
        String records = BuildRecords.read(RecordedUsage.RESOURCE).orElseThrow();
        String[] entries = records.split("\u001e");
        long coloured = java.util.Arrays.stream(entries).filter(entry -> entry.startsWith("ansi")).count();
        assertThat(coloured).isGreaterThan(30);
        for (String entry : entries) {
            if (entry.startsWith("ansi")) {
                String key = entry.substring(0, entry.indexOf('\n'));
                String plainKey = "plain" + key.substring("ansi".length());
                String plain = java.util.Arrays.stream(entries).filter(e -> e.startsWith(plainKey + "\n")).findFirst().orElseThrow();
                assertThat(entry).as(key).containsPattern(ESCAPE_SEQUENCES);
                assertThat(entry.replaceAll(ESCAPE_SEQUENCES, "").substring(key.length()))
                        .as(key).isEqualTo(plain.substring(plainKey.length()));
            }
        }
    }

    @Test
    void onlyAskingForUsageAloneIsAnswered() {
        assertThat(RecordedUsage.forArguments(new String[] {"--help", "--debug"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"get", "kingman_n5_theta1", "--help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"--home", "/tmp", "get", "--help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"help", "get", "--help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"nosuchcommand", "--help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"get"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.commandPath(new String[] {"car", "verify", "-h"})).contains(List.of("car", "verify"));
        assertThat(RecordedUsage.commandPath(new String[] {"help", "car", "verify"})).contains(List.of("car", "verify"));
        assertThat(RecordedUsage.commandPath(new String[] {"help", "@args.txt"})).isEmpty();
    }

    @Test
    void aTerminalGetsTheColouredRecord() throws Exception {
        String transcript = PseudoTerminal.run(userHome, List.of("get", "--help"), "").replace("\r\n", "\n");

        String coloured = BuildRecords.read(RecordedUsage.RESOURCE).orElseThrow().split("\u001eansi get\n")[1].split("\u001e")[0];
        assertThat(transcript).containsPattern(ESCAPE_SEQUENCES).isEqualTo(coloured);
        assertThat(transcript.replaceAll(ESCAPE_SEQUENCES, "")).isEqualTo(picocli(List.of("get"), "--help"));
    }

    private static Optional<String> recorded(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return RecordedUsage.forArguments(args.toArray(String[]::new), Map.of());
    }

    private String picocli(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return picocli(args);
    }

    private String picocli(List<String> args) {
        StringWriter out = new StringWriter();
        int code = Main.parsed(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                Map.of(), userHome);
        assertThat(code).as("%s", args).isZero();
        return out.toString();
    }
}
