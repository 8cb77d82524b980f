package org.phasic.traces.application;

import java.util.List;

/** No source could deliver a verified copy of a trace (or the id is unknown); the message lists why, the hint what to do. */
public final class TraceUnavailableException extends RuntimeException {
    private final List<String> reasons;
    private final String hint;

    public TraceUnavailableException(String message, List<String> reasons, String hint) {
        super(reasons.isEmpty() ? message : message + ": " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.hint = hint;
    }

    /** One line per source tried. */
    public List<String> reasons() {
        return reasons;
    }

    /** What the user can do. */
    public String hint() {
        return hint;
    }
}
