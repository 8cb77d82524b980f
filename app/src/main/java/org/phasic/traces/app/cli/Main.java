package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Suggestions;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.UseCaseException;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code phasic-traces} command. Every error is reported the same way: one line
 * {@code phasic-traces: what went wrong}, then {@code   hint: what to do}; exit code 2 for usage, configuration,
 * unknown ids and missing input files, 1 when the operation itself failed.
 */
public final class Main {
    private static final String PREFIX = "phasic-traces: ";

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** Runs the CLI with injected streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Path userHome) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        Optional<String> usage = RecordedUsage.forArguments(args, environment);
        if (usage.isPresent()) {
            out.print(usage.get());
            out.flush();
            return ExitCode.OK;
        }
        Optional<Integer> direct = DirectTraceCommand.run(args, out, err, environment, userHome);
        if (direct.isEmpty()) {
            direct = DirectCar.run(args, out, err);
        }
        return direct.isPresent() ? direct.get() : parsed(args, out, err, environment, userHome);
    }

    /** Runs the CLI through picocli's command model (every form of every command). */
    static int parsed(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Path userHome) {
        PhasicTracesCommand root = new PhasicTracesCommand(environment, userHome);
        CommandLine commandLine = root.commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setParameterExceptionHandler((thrown, ignoredArgs) -> {
            ParameterException ex = unknownOptionFirst(thrown);
            CommandLine failed = ex.getCommandLine();
            report(err, unmatchedMessage(ex).orElse(describe(ex)), unmatchedHint(ex).orElse(helpHint(failed.getCommandSpec())));
            return ExitCode.USAGE;
        });
        AtomicReference<BulkRelaunch.Needed> relaunch = new AtomicReference<>();
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            Optional<BulkRelaunch.Needed> needed = BulkRelaunch.in(ex);
            if (needed.isPresent()) {
                relaunch.set(needed.get());
                return ExitCode.FAILED;
            }
            return failed(ex, Arrays.asList(args).contains("--debug"), err, root::knownIdHint,
                    helpHint(failed.getCommandSpec()));
        });
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            root.close();
        }
        return relaunch.get() == null ? code : relaunch.get().relaunch(args, err);
    }

    /**
     * Reports a command's failure: one line with what went wrong, a hint, the stack trace with {@code --debug}.
     *
     * @param idHint    the hint for an unknown trace id (the known ids closest to it)
     * @param usageHint the hint for a usage error without one of its own (where the command's help is)
     * @return the exit code
     */
    static int failed(Throwable ex, boolean debug, PrintWriter err, Function<UnknownTraceException, String> idHint,
                      String usageHint) {
        Throwable cause = meaningful(ex);
        int code = exitCode(cause);
        String hint = cause instanceof UnknownTraceException unknown ? idHint.apply(unknown) : hintOf(cause);
        if (hint.isEmpty() && code == ExitCode.USAGE) {
            hint = usageHint;
        }
        if (hint.isEmpty() && !debug) {
            hint = "run again with --debug for details";
        }
        report(err, describe(cause), hint);
        if (debug) {
            ex.printStackTrace(err);
        }
        return code;
    }

    /** Prints {@code phasic-traces: message} and, when there is one, {@code   hint: hint}. */
    static void report(PrintWriter err, String message, String hint) {
        err.println(PREFIX + message);
        if (!hint.isEmpty()) {
            err.println("  hint: " + hint);
        }
        err.flush();
    }

    /** The exit code of a failure: 2 for what the user can fix on the command line or in the configuration. */
    static int exitCode(Throwable failure) {
        return failure instanceof ConfigException || failure instanceof InvalidInputException
                || failure instanceof UnknownTraceException || CliArguments.isUsageError(failure)
                ? ExitCode.USAGE : ExitCode.FAILED;
    }

    /**
     * The failure to report: the first of ours in the cause chain (a setting, a use case, a usage error), else the
     * innermost cause of what the composition's wiring wrapped it in.
     */
    static Throwable meaningful(Throwable failure) {
        Optional<ConfigException> setting = ConfigException.in(failure);
        if (setting.isPresent()) {
            return setting.get();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UseCaseException
                    || CliArguments.isUsageError(cause)) {
                return cause;
            }
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getClass().getName().startsWith("com.google.inject.")) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String helpHint(CommandSpec spec) {
        return helpHint(spec.qualifiedName());
    }

    /** Where the help of {@code command} (e.g. {@code phasic-traces get}) is. */
    static String helpHint(String command) {
        return "see '" + command + " --help'";
    }

    /**
     * A missing parameter reported while an unknown option was typed as well ({@code get --hlep}): the misspelt option
     * is the mistake to name, with its did-you-mean.
     */
    private static ParameterException unknownOptionFirst(ParameterException ex) {
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (ex instanceof MissingParameterException && unmatched.stream().anyMatch(arg -> arg.startsWith("-"))) {
            return new UnmatchedArgumentException(ex.getCommandLine(), unmatched);
        }
        return ex;
    }

    private static Optional<String> unmatchedMessage(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")
                && !ex.getCommandLine().getCommandSpec().subcommands().isEmpty()) {
            return Optional.of("unknown command '" + unmatched.getUnmatched().get(0) + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> unmatchedHint(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String typed = unmatched.getUnmatched().get(0);
        List<String> candidates = new ArrayList<>();
        if (typed.startsWith("-")) {
            typed = typed.split("=", 2)[0];
            spec.options().forEach(option -> candidates.addAll(Arrays.asList(option.names())));
        } else {
            candidates.addAll(spec.subcommands().keySet());
        }
        String typedName = typed;
        return Suggestions.didYouMean(typedName, candidates).map(guess -> guess + " " + helpHint(spec));
    }

    static String hintOf(Throwable failure) {
        if (failure instanceof ConfigException settings) {
            return settings.hint();
        }
        if (failure instanceof UseCaseException useCase) {
            return HintText.of(useCase.hint());
        }
        return CliArguments.usageHint(failure);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
