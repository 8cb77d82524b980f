package org.phasic.traces.ports.in;

import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;

/**
 * What happened to one trace of a batch (install, mirror push or pull).
 *
 * @param id       the trace
 * @param status   done, skipped (already there) or failed
 * @param servedBy where the content came from, when known
 * @param error    why it failed, when it did
 * @param hint     what the user can do about the failure
 */
public record BatchItem(TraceId id, Status status, Optional<Provenance> servedBy, Optional<String> error, Hint hint) {
    /** How one item ended. */
    public enum Status {
        /** The work was done (fetched, sent, received). */
        DONE,
        /** Nothing to do: the target already had it. */
        SKIPPED,
        /** It failed; {@link #error()} says why. */
        FAILED
    }

    public BatchItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(servedBy, "servedBy");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(hint, "hint");
    }

    /** An item that did not fail. */
    public static BatchItem succeeded(TraceId id, Status status, Optional<Provenance> servedBy) {
        if (status == Status.FAILED) {
            throw new IllegalArgumentException("a failed item needs its reason");
        }
        return new BatchItem(id, status, servedBy, Optional.empty(), Hint.NONE);
    }

    /** A failed item. */
    public static BatchItem failed(TraceId id, String error) {
        return failed(id, error, Hint.NONE);
    }

    /** A failed item with advice. */
    public static BatchItem failed(TraceId id, String error, Hint hint) {
        return new BatchItem(id, Status.FAILED, Optional.empty(), Optional.of(error), hint);
    }

    /** Whether it did not fail. */
    public boolean ok() {
        return status != Status.FAILED;
    }

    /** Receives items as they finish (possibly from worker threads). */
    @FunctionalInterface
    public interface Listener {
        /** Ignores every item. */
        Listener NONE = item -> { };

        /**
         * The registry's size in bytes of item {@code id}'s files, told before {@link #started} for every item whose
         * size is known (for byte totals, a rate and an estimated time left).
         */
        default void expectedBytes(TraceId id, long bytes) {
        }

        /** The batch starts work on {@code total} items (called once, before any {@link #finished}). */
        default void started(int total) {
        }

        /** One item finished. */
        void finished(BatchItem item);
    }
}
