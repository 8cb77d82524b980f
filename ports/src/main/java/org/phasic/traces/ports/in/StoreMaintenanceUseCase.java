package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Set;
import org.phasic.traces.domain.registry.TraceId;

/** Keeps the local store healthy and small: verify, garbage-collect, pin. */
public interface StoreMaintenanceUseCase {
    /** Re-hashes every stored file; with {@code fix}, removes bad entries (the next get fetches them again). */
    List<StoreProblem> verify(boolean fix);

    /**
     * Removes stored traces the registry no longer lists (or lists with another CID) unless pinned, and abandoned
     * staging files; with {@code dryRun} only reports.
     */
    GcReport gc(boolean dryRun);

    /** Pins ({@code pinned}) or unpins the ids; pinned traces survive {@link #gc}. Returns every pin afterwards. */
    Set<TraceId> pin(List<TraceId> ids, boolean pinned);
}
