package org.phasic.traces.application;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.UseCaseException;

/** The one way batches (install, mirror push and pull) run: bounded parallelism, every item attempted, one outcome. */
final class Batches {
    /** The most parallel work a batch may ask for. */
    static final int MAX_JOBS = 64;

    private Batches() {
    }

    /** One item's work; throwing marks the item failed. */
    @FunctionalInterface
    interface Step<T> {
        BatchItem run(TraceId id, T item) throws Exception;
    }

    /** The item for a trace now in the local store: skipped when it already was, done when it was fetched. */
    static BatchItem fetched(TraceId id, Provenance servedBy) {
        return BatchItem.succeeded(id, servedBy.fromStore() ? BatchItem.Status.SKIPPED : BatchItem.Status.DONE,
                Optional.of(servedBy));
    }

    /** The item for work that was done ({@code done}) or not needed. */
    static BatchItem doneOrSkipped(TraceId id, boolean done) {
        return BatchItem.succeeded(id, done ? BatchItem.Status.DONE : BatchItem.Status.SKIPPED, Optional.empty());
    }

    /**
     * Runs {@code step} on every item with at most {@code jobs} at a time, telling {@code listener} about each.
     *
     * @param target what the batch works on, for the outcome
     * @throws InvalidInputException when {@code jobs} is out of range
     */
    static <T> BatchOutcome run(String target, List<T> items, Function<T, TraceId> idOf, int jobs, String task,
                                BatchItem.Listener listener, Step<T> step) throws InterruptedException {
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new InvalidInputException("jobs must be between 1 and " + MAX_JOBS + ", not " + jobs);
        }
        listener.started(items.size());
        List<BatchItem> outcomes = BoundedParallel.map(items, jobs, task, item -> {
            TraceId id = idOf.apply(item);
            BatchItem outcome = runOne(id, item, step);
            listener.finished(outcome);
            return outcome;
        });
        return new BatchOutcome(target, outcomes);
    }

    private static <T> BatchItem runOne(TraceId id, T item, Step<T> step) {
        try {
            return step.run(id, item);
        } catch (Exception e) {
            return BatchItem.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    e instanceof UseCaseException failure ? failure.hint() : Hint.NONE);
        }
    }
}
