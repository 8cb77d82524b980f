package org.phasic.traces.application;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.in.LocalTrace;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/**
 * A verified trace in the local store.
 *
 * @param entry    the registry entry it satisfies
 * @param stored   the stored files
 * @param servedBy the local store, or the source it was fetched from
 */
public record FetchedTrace(TraceEntry entry, StoredTrace stored, Provenance servedBy) {
    /** Whether this call made no fetch (the local store had it). */
    public boolean fromStore() {
        return servedBy.fromStore();
    }

    /** The trace as drivers see it. */
    public LocalTrace toLocal() {
        Map<String, Path> files = new LinkedHashMap<>();
        stored.files().forEach((name, file) -> files.put(name, file.path()));
        return new LocalTrace(entry, servedBy, stored.rootCid(), files);
    }
}
