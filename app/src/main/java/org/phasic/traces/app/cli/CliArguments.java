package org.phasic.traces.app.cli;

import org.phasic.traces.domain.registry.TraceId;
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
            throw new UsageError(e.getMessage());
        }
    }

    /** A usage error raised after parsing; {@code Main} maps it to exit code 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** Whether {@code e} is a usage error (exit code 2). */
    public static boolean isUsageError(Exception e) {
        return e instanceof UsageError || e instanceof ParameterException;
    }
}
