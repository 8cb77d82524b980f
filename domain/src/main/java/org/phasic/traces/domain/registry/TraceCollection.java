package org.phasic.traces.domain.registry;

import java.util.List;
import java.util.Map;

/** A named group of traces. {@code cid} is as written (the live registry holds a placeholder). */
public record TraceCollection(String description, String cid, List<String> traces, Map<String, Object> extra) {
    public TraceCollection {
        traces = traces == null ? List.of() : List.copyOf(traces);
        extra = Extra.copy(extra);
    }
}
