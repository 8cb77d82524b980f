package org.phasic.traces.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.TraceSelection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of command-line arguments that turn bad input into usage errors (exit code 2). */
public final class CliArguments {
    private CliArguments() {
    }

    /** Parses a trace id argument; a bad one is a usage error naming what is wrong. */
    static TraceId traceId(String text) {
        try {
            return TraceId.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage(), "'phasic-traces list' shows the ids the registry has");
        }
    }

    /** Parses trace id arguments, in order; the first bad one is a usage error. */
    static List<TraceId> traceIds(List<String> texts) {
        return texts.stream().map(CliArguments::traceId).toList();
    }

    /**
     * The traces named by {@code --collection NAME} or as ids on the command line; the default selection when neither
     * is given.
     *
     * @throws UsageError when both are given or an id is invalid
     */
    static TraceSelection selection(String collection, List<String> ids) {
        if (collection != null && !ids.isEmpty()) {
            throw new UsageError("give either --collection or ids, not both");
        }
        return new TraceSelection(Optional.ofNullable(collection), traceIds(ids));
    }

    /**
     * {@code path} if it names an existing file (or, with {@code folderToo}, folder); otherwise a usage error, since
     * the user can fix it on the command line.
     */
    static Path inputFile(CommandSpec spec, Path path, boolean folderToo) {
        if (Files.isRegularFile(path) || (folderToo && Files.isDirectory(path))) {
            return path;
        }
        String problem = Files.exists(path) ? (folderToo ? "not a file or folder: " : "not a regular file: ") : "no such file: ";
        throw new ParameterException(spec.commandLine(), problem + path);
    }

    /** {@code --jobs} if given, else the configuration key {@code key}; between 1 and 64. */
    static int jobs(CliContext context, Integer flag, String key) {
        int parallel = flag != null ? flag : context.configuration().integer(key);
        if (parallel < 1 || parallel > 64) {
            throw new UsageError("--jobs must be between 1 and 64, not " + parallel);
        }
        return parallel;
    }

    /** A usage error raised after parsing; {@code Main} maps it to exit code 2. */
    static final class UsageError extends RuntimeException {
        private final String hint;

        UsageError(String message) {
            this(message, "");
        }

        UsageError(String message, String hint) {
            super(message);
            this.hint = hint;
        }
    }

    /** The hint a usage error carries, or empty. */
    public static String usageHint(Throwable e) {
        return e instanceof UsageError usage ? usage.hint : "";
    }

    /** Whether {@code e} is a usage error (exit code 2). */
    public static boolean isUsageError(Throwable e) {
        return e instanceof UsageError || e instanceof ParameterException;
    }
}
