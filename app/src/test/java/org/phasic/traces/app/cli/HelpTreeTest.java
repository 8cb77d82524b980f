package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.testing.CliRun;
import picocli.CommandLine;

/** Every command and sub-command answers {@code --help}, {@code -h} and {@code help CMD} with its usage. */
class HelpTreeTest {
    @TempDir
    Path userHome;

    static Stream<List<String>> commands() {
        PhasicTracesCommand root = new PhasicTracesCommand(Map.of(), Path.of("unused"));
        List<List<String>> paths = new ArrayList<>();
        collect(root.commandLine(), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            into.add(subPath);
            collect(sub, subPath, into);
        });
    }

    @Test
    void theTreeHoldsEveryCommand() {
        assertThat(commands().map(path -> String.join(" ", path)))
                .contains("list", "get", "car verify", "registry validate", "cache pull", "daemon status", "help")
                .hasSizeGreaterThan(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void longHelpOptionPrintsTheUsage(List<String> path) {
        assertUsage(path, with(path, "--help"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void shortHelpOptionPrintsTheUsage(List<String> path) {
        assertUsage(path, with(path, "-h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpCommandPrintsTheUsage(List<String> path) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(path);
        assertUsage(path, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void descriptionsWrapAsParagraphs(List<String> path) {
        CommandLine command = new PhasicTracesCommand(Map.of(), userHome).commandLine();
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        for (String paragraph : command.getCommandSpec().usageMessage().description()) {
            if (paragraph.length() > RecordedUsage.WIDTH) {
                assertThat(paragraph).as("a description line too long for one line of the usage must end its paragraph, "
                        + "or the usage breaks mid-sentence where the next line starts").containsPattern("[.:!?)]$");
            }
        }
    }

    @Test
    void helpOfAnUnknownCommandSuggestsTheClosest() {
        CliRun run = CliRun.run(Map.of(), userHome, "help", "lsit");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("phasic-traces: unknown command 'lsit'").contains("did you mean 'list'?");
    }

    @Test
    void theCommandListShowsWholeSentences() {
        CliRun run = CliRun.run(Map.of(), userHome, "--help");

        String commands = run.out().substring(run.out().indexOf("Commands:"));
        commands.lines().skip(1).filter(line -> line.startsWith("  ") && !line.isBlank())
                .filter(line -> !line.startsWith("   "))
                .forEach(line -> {
                    String summary = String.join(" ", commands.lines()
                            .dropWhile(other -> !other.equals(line))
                            .takeWhile(other -> other.equals(line) || other.startsWith("    "))
                            .map(String::strip).toList());
                    assertThat(summary).as(line).endsWith(".");
                });
    }

    private void assertUsage(List<String> path, List<String> args) {
        CliRun run = CliRun.run(Map.of(), userHome, args);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: phasic-traces " + String.join(" ", path));
        assertThat(run.err()).isEmpty();
    }

    private static List<String> with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args;
    }
}
