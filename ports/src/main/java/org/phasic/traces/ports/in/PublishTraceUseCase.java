package org.phasic.traces.ports.in;

import java.io.IOException;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;

/**
 * Publishes a trace: check and package it, compute its CIDs locally, keep it in the local store, add and pin it where
 * it can be, and open the registry pull request (or say how to open it by hand).
 */
public interface PublishTraceUseCase {
    /** The largest trace file accepted, as given (plain JSON, or gzip'd JSON limited to this once decompressed). */
    long MAX_TRACE_FILE_BYTES = org.phasic.traces.ports.out.TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES;

    /**
     * Checks the request and packages it; writes nothing (a dry run is just this step).
     *
     * @throws PublishRefusedException naming every problem: an invalid trace, missing or disagreeing metadata, a bad
     *                                 code file name, an id that exists (without {@code newVersion}), identical content
     */
    PreparedPublication prepare(PublishRequest request) throws IOException;

    /**
     * Stores, uploads and proposes a prepared trace.
     *
     * @param prepared what {@link #prepare} returned
     * @throws IOException              when storing or a reachable publisher fails, or the pull request cannot be opened
     * @throws OperationFailedException when a requested retrievability check finds no network source serving it
     */
    PublishResult publish(PreparedPublication prepared, PublishOptions options) throws IOException;

    /** The registry entry as the pull request adds it to {@code registry.json}: a JSON object member. */
    String entryJson(TraceEntry entry);

    /**
     * Parses metadata shaped like a trace directory's {@code metadata.json}.
     *
     * @throws org.phasic.traces.ports.out.RegistryFormatException when it is not such an object
     */
    TraceMetadata readMetadata(byte[] json) throws IOException;
}
