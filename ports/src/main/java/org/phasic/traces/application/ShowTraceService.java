package org.phasic.traces.application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.out.TraceStore;

/** What the registry and the local store say about one trace. */
public final class ShowTraceService implements ShowTraceUseCase {
    private final RegistryService registry;
    private final TraceStore store;

    public ShowTraceService(RegistryService registry, TraceStore store) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public TraceDetails show(TraceId id) {
        TraceEntry entry = registry.find(id).orElseThrow(() -> new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES)));
        Optional<Path> stored;
        try {
            stored = store.find(id, entry.cid()).flatMap(trace -> trace.file(TraceEntry.TRACE_FILE)).map(TraceStore.StoredFile::path);
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
        boolean bundled = registry.bundled().find(id).filter(b -> b.cid().equals(entry.cid())).isPresent();
        return new TraceDetails(entry, bundled, stored);
    }
}
