package org.phasic.traces.ports.in;

import java.util.List;

/** No source could deliver a verified copy of a trace; the message lists why, one reason per source tried. */
public final class TraceUnavailableException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public TraceUnavailableException(String message, List<String> reasons, Hint hint) {
        super(reasons.isEmpty() ? message : message + ": " + String.join("; ", reasons), hint, null);
        this.reasons = List.copyOf(reasons);
    }

    /** One line per source tried. */
    public List<String> reasons() {
        return reasons;
    }
}
