package org.phasic.traces.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the local store a mirror of the registry: refresh the registry (conditionally), install what is missing
 * (verified, as {@link InstallTracesUseCase} does), optionally pin it on the configured pinning targets, and collect
 * what the registry no longer lists (as {@link StoreMaintenanceUseCase#gc} does: pinned traces stay). Each change is
 * reported as one {@link Event}; outages of the registry or the gateways are reported and never end the loop.
 */
public interface MirrorRegistryUseCase {
    /**
     * One pass. Registry and fetch failures are reported as {@linkplain Event#failure() failure events} and counted
     * in the result; a failed registry refresh skips the collection, so nothing is removed on stale information.
     *
     * @param request  what to mirror
     * @param schedule asked between steps whether to stop
     * @param log      told about every change
     * @throws InvalidInputException when a collection is unknown or {@code jobs} is out of range
     */
    Pass pass(Request request, Schedule schedule, Log log) throws InterruptedException;

    /**
     * Passes until {@code schedule} says stop: after a clean pass the next one starts {@code interval} later; after a
     * failed one sooner (one minute, doubling with each further failed pass, never more than {@code interval}). The
     * first pass's exceptions propagate (a bad request or configuration); later ones are reported and the loop goes on.
     *
     * @return the last pass
     */
    Pass run(Request request, Duration interval, Schedule schedule, Log log) throws InterruptedException;

    /**
     * What to mirror.
     *
     * @param collections registry collections to mirror; empty for every trace in the registry
     * @param pin         whether to pin installed traces on the pinning targets (the local IPFS daemon and, when
     *                    configured, the pinning service)
     * @param jobs        parallel fetches
     */
    record Request(List<String> collections, boolean pin, int jobs) {
        public Request {
            collections = List.copyOf(collections);
        }
    }

    /**
     * What one pass did.
     *
     * @param installed traces fetched into the store
     * @param pinned    pins made
     * @param collected traces removed from the store
     * @param failures  failures (registry, fetches, pins, collection)
     * @param stopped   whether the pass ended early because a stop was asked
     */
    record Pass(int installed, int pinned, int collected, int failures, boolean stopped) {
        /** Whether nothing failed. */
        public boolean ok() {
            return failures == 0;
        }
    }

    /**
     * One change (or failure), for one log line.
     *
     * @param at      when it happened
     * @param kind    what kind of change
     * @param message one line, naming the trace where there is one
     */
    record Event(Instant at, Kind kind, String message) {
        /** The kinds of change. */
        public enum Kind { REGISTRY_UPDATED, INSTALLED, PINNED, COLLECTED, FAILED, RETRYING }

        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        /** Whether this reports a failure (or the retry after one). */
        public boolean failure() {
            return kind == Kind.FAILED || kind == Kind.RETRYING;
        }
    }

    /** Receives events, possibly from worker threads. */
    @FunctionalInterface
    interface Log {
        /** One change happened. */
        void event(Event event);
    }

    /** When the loop waits and when it stops: asked between steps, so a stop never interrupts a step. */
    interface Schedule {
        /** Whether a stop was asked. */
        boolean stopping();

        /**
         * Waits {@code pause} unless a stop is asked first.
         *
         * @return whether to go on (false once a stop was asked)
         */
        boolean await(Duration pause) throws InterruptedException;
    }
}
