package org.phasic.traces.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.ports.in.GetTraceFilesUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.TraceFolder;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore.StoredFile;

/**
 * Gets a trace through the fetch chain and parses it. Parsed traces are kept by the CID of their file (at most
 * {@value #PARSED_TRACES}): the store still re-checks the file on every call, and bytes with the same CID parse to the
 * same immutable trace.
 */
public final class TraceService implements GetTraceUseCase, GetTraceFilesUseCase {
    static final int PARSED_TRACES = 64;

    private final FetchService fetch;
    private final TraceCodec codec;
    private final Consumer<FetchedTrace> got;
    private final Map<String, EliminationTrace> parsed = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, EliminationTrace> eldest) {
                    return size() > PARSED_TRACES;
                }
            });

    public TraceService(FetchService fetch, TraceCodec codec) {
        this(fetch, codec, trace -> { });
    }

    /** @param got told about every trace this service got (e.g. to copy it into phasic's own cache) */
    public TraceService(FetchService fetch, TraceCodec codec, Consumer<FetchedTrace> got) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.got = Objects.requireNonNull(got, "got");
    }

    private FetchedTrace fetched(TraceId id, boolean force) throws IOException {
        FetchedTrace fetched = fetch.get(id, force);
        got.accept(fetched);
        return fetched;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidTraceException when the verified bytes are not a valid trace (a defect of the published trace)
     */
    @Override
    public LoadedTrace get(TraceId id, boolean force) {
        try {
            try {
                return read(fetched(id, force));
            } catch (NoSuchFileException removedMeanwhile) {
                // another process healing, verifying or collecting the store removed the entry between its check and
                // this read: the fetch chain restores it
                return read(fetched(id, false));
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public org.phasic.traces.ports.in.LocalTrace files(TraceId id, boolean force) {
        try {
            return fetched(id, force).toLocal();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public TraceFolder folder(TraceId id, Path folder, boolean overwrite) {
        try {
            return new TraceFolderExport(fetch).export(fetched(id, false), folder, overwrite);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    static OperationFailedException failed(IOException e) {
        return new OperationFailedException(e.getMessage() == null ? e.toString() : e.getMessage(), Hint.NONE, e);
    }

    private LoadedTrace read(FetchedTrace fetched) throws IOException {
        StoredFile file = fetched.stored().file(TraceEntry.TRACE_FILE).orElseThrow();
        EliminationTrace trace = parsed.get(file.cid());
        if (trace == null) {
            try (InputStream in = Files.newInputStream(file.path())) {
                trace = codec.read(in);
            }
            parsed.put(file.cid(), trace);
        }
        return new LoadedTrace(fetched.toLocal(), trace);
    }
}
