package org.phasic.traces.ports.in;

/** One-line messages to the user about what the tool is doing or falling back to (standard error in the CLI). */
@FunctionalInterface
public interface Notices {
    /** Says {@code message}, one line, no trailing period needed. */
    void notice(String message);

    /** Says nothing. */
    static Notices silent() {
        return message -> { };
    }
}
