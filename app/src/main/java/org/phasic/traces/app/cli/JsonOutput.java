package org.phasic.traces.app.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of a command that prints results: the result as one JSON document with snake_case keys. */
final class JsonOutput {
    @Option(names = "--json", description = "print the result as JSON (snake_case keys)")
    private boolean enabled;

    /** Whether {@code --json} was given. */
    boolean enabled() {
        return enabled;
    }

    /** Prints {@code node} as indented JSON on standard output. */
    static void print(CliContext context, Object node) {
        context.out().println(EntryJson.write(node));
        context.out().flush();
    }
}
