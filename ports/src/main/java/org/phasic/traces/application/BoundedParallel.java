package org.phasic.traces.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.phasic.traces.domain.concurrent.DaemonThreads;

/** Bounded parallelism for batch work (install, cache push and pull): a fixed pool of daemon threads per batch. */
public final class BoundedParallel {
    private BoundedParallel() {
    }

    /**
     * Applies {@code work} to every item with at most {@code jobs} running at once.
     *
     * @param threadName names the worker threads
     * @param work       turns an item into its result; failures belong in the result, not thrown
     * @return the results, in the order of {@code items}
     * @throws IllegalArgumentException if {@code jobs} is below 1
     * @throws IllegalStateException    if {@code work} throws anyway
     */
    public static <T, R> List<R> map(List<T> items, int jobs, String threadName, Function<T, R> work)
            throws InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, items.size()), DaemonThreads.named(threadName));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(threadName + " worker failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
