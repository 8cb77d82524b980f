package org.phasic.traces.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Every command's usage ({@code CMD… --help}, {@code CMD… -h}, {@code help CMD…}) as picocli renders it at
 * {@value #WIDTH} columns, plainly and in colour, recorded when the jar is built ({@link #main}): printing it needs no
 * command model, which costs more than the rest of a short command. picocli renders the usage itself for any other
 * form of the command line, when the {@code picocli.ansi} property chooses colours, and on a terminal that
 * {@code COLUMNS} says is narrower than the record.
 */
public final class RecordedUsage {
    static final String RESOURCE = "usage.txt";
    static final int WIDTH = CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH;
    private static final char SEPARATOR = '\u001e';
    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h");
    private static final String HELP_COMMAND = "help";

    private RecordedUsage() {
    }

    /**
     * The recorded usage when {@code args} ask for a command's usage and nothing else, in colour exactly when picocli
     * would colour it; empty otherwise (or when the jar holds no record of that command).
     */
    static Optional<String> forArguments(String[] args, Map<String, String> environment) {
        Optional<List<String>> path = commandPath(args);
        if (path.isEmpty() || System.getProperty("picocli.ansi") != null) {
            return Optional.empty();
        }
        boolean colour = Ansi.AUTO.enabled();
        if (colour && narrowerThanRecord(environment)) {
            return Optional.empty();
        }
        return BuildRecords.read(RESOURCE).flatMap(records -> lookup(records, key(path.get(), colour)));
    }

    /** The commands whose usage {@code args} ask for (none: the tool's), or empty when they ask for anything else. */
    static Optional<List<String>> commandPath(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        List<String> words = Arrays.asList(args);
        List<String> path;
        if (HELP_OPTIONS.contains(words.get(words.size() - 1))) {
            path = words.subList(0, words.size() - 1);
        } else if (words.get(0).equals(HELP_COMMAND)) {
            path = words.subList(1, words.size());
        } else {
            return Optional.empty();
        }
        boolean commandsOnly = path.stream().allMatch(word -> !word.isEmpty() && Character.isLetter(word.charAt(0)));
        return commandsOnly ? Optional.of(List.copyOf(path)) : Optional.empty();
    }

    private static boolean narrowerThanRecord(Map<String, String> environment) {
        try {
            return Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip()) < WIDTH;
        } catch (NumberFormatException unknown) {
            return false;
        }
    }

    private static String key(List<String> path, boolean colour) {
        return (colour ? "ansi" : "plain") + (path.isEmpty() ? "" : " " + String.join(" ", path));
    }

    private static Optional<String> lookup(String records, String key) {
        String header = SEPARATOR + key + "\n";
        int start = records.indexOf(header);
        if (start < 0) {
            return Optional.empty();
        }
        int text = start + header.length();
        int end = records.indexOf(SEPARATOR, text);
        return Optional.of(records.substring(text, end < 0 ? records.length() : end));
    }

    /** Every command's usage, plainly and in colour, keyed by the words that name the command (aliases too). */
    static String render() {
        StringBuilder records = new StringBuilder();
        for (Ansi ansi : List.of(Ansi.OFF, Ansi.ON)) {
            CommandLine root = new PhasicTracesCommand(Map.of(), Path.of(".")).commandLine();
            root.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
            root.setUsageHelpAutoWidth(false);
            root.setUsageHelpWidth(WIDTH);
            render(root, List.of(), ansi == Ansi.ON, records);
        }
        return records.toString();
    }

    private static void render(CommandLine command, List<String> path, boolean colour, StringBuilder records) {
        String usage = command.getUsageMessage();
        if (usage.indexOf(SEPARATOR) >= 0) {
            throw new IllegalStateException("the usage of '" + String.join(" ", path) + "' holds the record separator");
        }
        records.append(SEPARATOR).append(key(path, colour)).append('\n').append(usage);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            render(sub, subPath, colour, records);
        });
    }

    /** Build step: records the usage in {@code args[0]} (the {@value #RESOURCE} resource of the jar being built). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        BuildRecords.write(target, render());
    }
}
