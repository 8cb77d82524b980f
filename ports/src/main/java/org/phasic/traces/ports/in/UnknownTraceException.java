package org.phasic.traces.ports.in;

import org.phasic.traces.domain.registry.TraceId;

/** No registry known here lists the trace id. */
public final class UnknownTraceException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    private final transient TraceId id;

    public UnknownTraceException(TraceId id, Hint hint) {
        super("unknown trace id '" + id + "'", hint, null);
        this.id = id;
    }

    /** The id nobody lists. */
    public TraceId id() {
        return id;
    }
}
