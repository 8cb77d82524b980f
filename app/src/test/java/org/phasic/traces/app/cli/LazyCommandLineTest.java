package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.testing.CliRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line built for one command (that command's whole model, the others by name and summary) prints the same
 * usage as the one with every command's whole model.
 */
class LazyCommandLineTest {
    @TempDir
    Path userHome;

    static Stream<String> commandNames() {
        return PhasicTracesCommand.COMMANDS.stream().map(type -> type.getAnnotation(Command.class).name());
    }

    private static PhasicTracesCommand root() {
        return new PhasicTracesCommand(Map.of(), Path.of("unused"));
    }

    private static String usage(CommandLine commandLine) {
        StringWriter text = new StringWriter();
        commandLine.usage(new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void theToolsUsageListsEveryCommandAsTheWholeModelDoes() {
        String whole = usage(root().commandLine());

        assertThat(usage(root().commandLine("--help"))).isEqualTo(whole);
        assertThat(whole).contains("Commands:").contains("get").contains("Get a verified trace by id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandNames")
    void aNamedCommandGetsItsWholeModelAndTheOthersTheirSummary(String name) {
        CommandLine whole = root().commandLine();
        CommandLine lazy = root().commandLine("--offline", name, "--help");

        assertThat(usage(lazy.getSubcommands().get(name))).isEqualTo(usage(whole.getSubcommands().get(name)));
        assertThat(lazy.getSubcommands().keySet()).containsExactlyElementsOf(whole.getSubcommands().keySet());
        lazy.getSubcommands().forEach((other, sub) -> {
            if (!other.equals(name) && !name.equals("help") && !name.equals("completion")) {
                assertThat(sub.getCommandSpec().userObject()).as(other).isNull();
            }
        });
    }

    @Test
    void commandsNamedInAnArgumentFileRunAsTyped(@TempDir Path home) throws Exception {
        Path arguments = Files.writeString(home.resolve("args.txt"),
                String.join("\n", "--home", home.toString(), "--offline", "-q", "get", "kingman_n5_theta1"));

        CliRun run = CliRun.run(Map.of(), userHome, "@" + arguments);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.firstLine()).exists().startsWith(home);
    }

    @Test
    void theVersionShortcutPrintsWhatThePicocliVersionOptionPrints(@TempDir Path home) {
        CliRun shortcut = CliRun.run(Map.of(), userHome, "--version");
        CliRun parsed = CliRun.run(Map.of(), userHome, "--home", home.toString(), "--version");

        assertThat(shortcut.code()).isZero();
        assertThat(shortcut.out()).startsWith("phasic-traces ").contains("Java ").isEqualTo(parsed.out());
        assertThat(CliRun.run(Map.of(), userHome, "-V").out()).isEqualTo(parsed.out());
    }
}
