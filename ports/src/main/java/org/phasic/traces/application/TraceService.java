package org.phasic.traces.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.ports.out.TraceCodec;

/** Gets a trace through the fetch chain and parses it. */
public final class TraceService {
    private final FetchService fetch;
    private final TraceCodec codec;

    public TraceService(FetchService fetch, TraceCodec codec) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The verified, parsed trace {@code id}.
     *
     * @param force fetch again even if the local store has it
     * @throws TraceUnavailableException when no source can deliver it
     * @throws InvalidTraceException     when the verified bytes are not a valid trace (a defect of the published trace)
     */
    public LoadedTrace load(TraceId id, boolean force) throws IOException {
        try {
            return read(fetch.get(id, force));
        } catch (NoSuchFileException removedMeanwhile) {
            // another process healing, verifying or collecting the store removed the entry between its check and this
            // read: the fetch chain restores it
            return read(fetch.get(id, false));
        }
    }

    private LoadedTrace read(FetchedTrace fetched) throws IOException {
        try (InputStream in = Files.newInputStream(fetched.stored().file(TraceEntry.TRACE_FILE).orElseThrow().path())) {
            return new LoadedTrace(fetched, codec.read(in));
        }
    }
}
