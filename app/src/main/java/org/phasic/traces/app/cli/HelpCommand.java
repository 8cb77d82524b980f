package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.app.config.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code help [COMMAND [SUBCOMMAND]]}: the usage of the tool or of any command, as {@code COMMAND --help} prints it. */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command, e.g. 'help car verify'; without a command, the tool's help.")
final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "a command and its sub-commands")
    private List<String> names = List.of();

    private CommandLine self;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.out = outWriter;
    }

    @Override
    public Integer call() {
        CommandLine current = self.getParent();
        for (String name : names) {
            CommandLine next = current.getSubcommands().get(name);
            if (next == null) {
                String message = "unknown command '" + name + "' for 'help'";
                throw new ParameterException(self, Suggestions.didYouMean(name, current.getSubcommands().keySet())
                        .map(guess -> message + "; " + guess).orElse(message));
            }
            current = next;
        }
        current.usage(out);
        out.flush();
        return ExitCode.OK;
    }
}
