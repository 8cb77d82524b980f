package org.phasic.traces.ports.in;

/** Fetches many traces into the local store with bounded parallelism, collecting every outcome. */
public interface InstallTracesUseCase {
    /**
     * Installs the selected traces (by default: every trace in the registry) with at most {@code jobs} fetches at a
     * time. An item is {@link BatchItem.Status#DONE} when fetched, {@link BatchItem.Status#SKIPPED} when the local
     * store had it.
     *
     * @param listener told about each item as it finishes
     * @throws InvalidInputException when the collection is unknown or {@code jobs} is out of range
     */
    BatchOutcome install(TraceSelection selection, int jobs, BatchItem.Listener listener) throws InterruptedException;
}
