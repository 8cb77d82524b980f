package org.phasic.traces.ports.in;

import java.time.Instant;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;

/**
 * One trace the local store holds.
 *
 * @param id       its id
 * @param rootCid  its directory CID
 * @param files    how many of its files are stored
 * @param bytes    the bytes of its stored files
 * @param lastUsed when it was last stored or read, as the file system records it
 * @param pinned   whether the user pinned it (garbage collection keeps it)
 */
public record StoredTraceInfo(TraceId id, String rootCid, int files, long bytes, Instant lastUsed, boolean pinned) {
    public StoredTraceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rootCid, "rootCid");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
