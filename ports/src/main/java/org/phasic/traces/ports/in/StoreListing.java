package org.phasic.traces.ports.in;

import java.util.List;

/**
 * What the local store holds.
 *
 * @param traces     every stored trace, by id
 * @param totalBytes the bytes the store uses on disk (content shared by traces counted once, staging files included)
 */
public record StoreListing(List<StoredTraceInfo> traces, long totalBytes) {
    public StoreListing {
        traces = List.copyOf(traces);
    }
}
