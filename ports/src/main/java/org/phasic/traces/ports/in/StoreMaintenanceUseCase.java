package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Set;
import org.phasic.traces.domain.registry.TraceId;

/** Keeps the local store healthy and small: list, verify, garbage-collect, pin, remove. */
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

    /** Every trace the local store holds, sorted by id, and the bytes the store uses. */
    StoreListing list();

    /**
     * Removes the stored traces {@code ids} (their pins too), then the content no remaining trace uses.
     *
     * @throws InvalidInputException naming the ids the store does not hold; nothing is removed then
     */
    GcReport remove(List<TraceId> ids);
}
