package org.phasic.traces.application;

import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;

/** Fetches many traces with bounded parallelism, collecting every outcome instead of stopping at the first failure. */
public final class InstallService {
    private final FetchService fetch;

    public InstallService(FetchService fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    /**
     * What happened to one trace.
     *
     * @param id       the trace
     * @param servedBy who served it ({@link FetchService#LOCAL_STORE} when it was already here), or null on failure
     * @param error    why it failed, or null
     */
    public record Outcome(TraceId id, String servedBy, String error) {
        public boolean ok() {
            return error == null;
        }

        public boolean alreadyStored() {
            return FetchService.LOCAL_STORE.equals(servedBy);
        }
    }

    /** Receives outcomes as they complete (from worker threads). */
    @FunctionalInterface
    public interface Listener {
        void finished(Outcome outcome);
    }

    /**
     * Installs {@code ids} with at most {@code jobs} fetches at a time.
     *
     * @return one outcome per id, in the order given
     */
    public List<Outcome> install(List<TraceId> ids, int jobs, Listener listener) throws InterruptedException {
        return BoundedParallel.map(ids, jobs, "install", id -> {
            Outcome outcome = installOne(id);
            listener.finished(outcome);
            return outcome;
        });
    }

    private Outcome installOne(TraceId id) {
        try {
            return new Outcome(id, fetch.get(id, false).servedBy(), null);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(id, null, message);
        }
    }
}
