package org.phasic.traces.ports.out;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.StoreProblem;
import org.phasic.traces.ports.in.StoredTraceInfo;

/** Upkeep of the local content store ({@link TraceStore}): re-verification, garbage collection and pins. */
public interface StoreMaintenance {

    /** Re-hashes every entry; with {@code fix}, removes the bad ones. */
    List<StoreProblem> verifyAll(boolean fix) throws IOException;

    /**
     * Removes references to traces not in {@code keep} (id → directory CID to keep) and content no reference
     * uses, plus abandoned staging files; with {@code dryRun} only reports.
     */
    GcReport gc(Map<TraceId, String> keep, boolean dryRun) throws IOException;

    /** Ids the user pinned: never removed by {@link #gc}. */
    Set<TraceId> pins() throws IOException;

    /** Pins or unpins {@code id}. */
    void pin(TraceId id, boolean pinned) throws IOException;

    /** Every stored trace, in no particular order. */
    List<StoredTraceInfo> stored() throws IOException;

    /** The bytes the store uses on disk: stored content (each file once) and staging files. */
    long diskBytes() throws IOException;

    /** Removes the references {@code ids} and their pins, then the content no remaining reference uses. */
    GcReport remove(Set<TraceId> ids) throws IOException;

    /**
     * When a trace reference was last added, replaced or removed, by this process or another, as the file system
     * records it: a cheap way to learn that {@link #stored()} may list something else without listing. Two changes
     * within the file system's timestamp granularity may show the same time, so a caller treats a very recent time
     * as unsettled and looks again.
     *
     * @return empty when the store cannot tell (callers then list)
     */
    default Optional<Instant> referencesChanged() throws IOException {
        return Optional.empty();
    }
}
