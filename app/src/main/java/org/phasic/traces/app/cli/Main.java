package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.UseCaseException;
import picocli.CommandLine;

/** Entry point of the {@code phasic-traces} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** Runs the CLI with injected streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Path userHome) {
        PhasicTracesCommand root = new PhasicTracesCommand(environment, userHome);
        CommandLine commandLine = new CommandLine(root, root.factory());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("phasic-traces: " + ex.getMessage());
            err.println("  hint: see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            boolean debug = Arrays.asList(args).contains("--debug");
            int code = ex instanceof ConfigException || ex instanceof InvalidInputException || CliArguments.isUsageError(ex)
                    ? ExitCode.USAGE : ExitCode.FAILED;
            err.println("phasic-traces: " + describe(ex));
            String hint = hintOf(ex);
            if (hint.isEmpty() && code == ExitCode.USAGE) {
                hint = "see '" + failed.getCommandSpec().qualifiedName() + " --help'";
            }
            if (!hint.isEmpty()) {
                err.println("  hint: " + hint);
            } else if (!debug) {
                err.println("  hint: run again with --debug for details");
            }
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        try {
            return commandLine.execute(args);
        } finally {
            root.close();
        }
    }

    private static String hintOf(Exception ex) {
        if (ex instanceof ConfigException config) {
            return config.hint();
        }
        if (ex instanceof UseCaseException failed) {
            return HintText.of(failed.hint());
        }
        return CliArguments.usageHint(ex);
    }

    private static String describe(Exception ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
