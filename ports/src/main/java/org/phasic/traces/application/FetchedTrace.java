package org.phasic.traces.application;

import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/**
 * A verified trace in the local store.
 *
 * @param entry    the registry entry it satisfies
 * @param stored   the stored files
 * @param servedBy {@code local store}, or the name of the source it was fetched from
 */
public record FetchedTrace(TraceEntry entry, StoredTrace stored, String servedBy) {
    /** Whether this call made no fetch (the local store had it). */
    public boolean fromStore() {
        return FetchService.LOCAL_STORE.equals(servedBy);
    }
}
