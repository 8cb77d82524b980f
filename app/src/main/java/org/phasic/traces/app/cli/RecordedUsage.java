package org.phasic.traces.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The tool's usage ({@code phasic-traces --help}) as picocli renders it for a reader that is not a terminal (80
 * columns, no colours), recorded when the jar is built ({@link #main}): printing it needs no command model, which costs
 * more than the rest of a short command. On a terminal, or when colours are forced, picocli renders the usage itself
 * (the terminal's width, colours).
 */
public final class RecordedUsage {
    static final String RESOURCE = "usage.txt";
    private static final List<String> HELP = List.of("--help", "-h");

    private RecordedUsage() {
    }

    /**
     * The recorded usage when {@code args} ask for the tool's usage and it goes where picocli would render it plainly;
     * empty otherwise (or when the jar holds no record).
     */
    static Optional<String> forArguments(String[] args, Map<String, String> environment) {
        if (args.length != 1 || !HELP.contains(args[0]) || Terminals.stdout() || environment.containsKey("CLICOLOR_FORCE")
                || System.getProperty("picocli.ansi") != null) {
            return Optional.empty();
        }
        return BuildRecords.read(RESOURCE);
    }

    /** The usage as picocli renders it for a reader that is not a terminal. */
    static String render() {
        CommandLine commandLine = new PhasicTracesCommand(Map.of(), Path.of(".")).commandLine("--help");
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH);
        return commandLine.getUsageMessage();
    }

    /** Build step: records the usage in {@code args[0]} (the {@value #RESOURCE} resource of the jar being built). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        BuildRecords.write(target, render());
    }
}
