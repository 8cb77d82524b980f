package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.phasic.traces.domain.registry.TraceId;

/** The private mirror of the active profiles (an S3 or GCS bucket): push local traces to it, pull them, list it. */
public interface MirrorUseCase {
    /**
     * Copies traces from the local store to the mirror, sending only what it lacks: {@link BatchItem.Status#DONE} when
     * sent, {@link BatchItem.Status#SKIPPED} when already there.
     *
     * @param ids the traces (each must be in the local store); empty for every stored trace the registry lists
     * @throws InvalidInputException when no mirror, or more than one, is active
     */
    BatchOutcome push(List<TraceId> ids, int jobs, BatchItem.Listener listener) throws InterruptedException;

    /**
     * Fetches traces from the mirror into the local store, verified against the registry like any source:
     * {@link BatchItem.Status#DONE} when received, {@link BatchItem.Status#SKIPPED} when the store had it.
     *
     * @param selection a collection or ids; by default every trace the mirror lists
     * @throws InvalidInputException when no mirror, or more than one, is active, or the collection is unknown
     */
    BatchOutcome pull(TraceSelection selection, int jobs, BatchItem.Listener listener) throws InterruptedException;

    /**
     * What the mirror holds.
     *
     * @throws InvalidInputException    when no mirror, or more than one, is active
     * @throws OperationFailedException when the mirror cannot be listed
     */
    Listing list();

    /**
     * @param location   the mirror, e.g. {@code s3://bucket/prefix}
     * @param traces     its traces
     * @param unreadable index entries that could not be read (keys)
     */
    record Listing(String location, List<MirroredTrace> traces, List<String> unreadable) {
        public Listing {
            Objects.requireNonNull(location, "location");
            traces = List.copyOf(traces);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * @param id       the trace
     * @param rootCid  its directory CID
     * @param carBytes the size of its CAR, empty when the CAR is missing
     */
    record MirroredTrace(TraceId id, String rootCid, OptionalLong carBytes) {
    }
}
