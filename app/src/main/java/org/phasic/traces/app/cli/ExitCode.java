package org.phasic.traces.app.cli;

/** The CLI's exit codes. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The operation failed (network, verification, missing trace, ...). */
    public static final int FAILED = 1;
    /** Bad usage or configuration. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
