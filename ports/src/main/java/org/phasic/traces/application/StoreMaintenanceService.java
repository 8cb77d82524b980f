package org.phasic.traces.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.StoreListing;
import org.phasic.traces.ports.in.StoredTraceInfo;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.in.StoreProblem;
import org.phasic.traces.ports.out.StoreMaintenance;
import org.phasic.traces.ports.out.TraceStore;

/**
 * Verify, garbage-collect and pin the local store; what to keep comes from the registry known here (no network). Only
 * ids a registry lists or the store holds can be pinned, and only pinned ids unpinned.
 */
public final class StoreMaintenanceService implements StoreMaintenanceUseCase {
    private final RegistryService registry;
    private final StoreMaintenance store;
    private final TraceStore traces;

    /**
     * @param registry the registries known here
     * @param store    the store's maintenance operations
     * @param traces   the store's traces (to tell a stored id from an unknown one)
     */
    public StoreMaintenanceService(RegistryService registry, StoreMaintenance store, TraceStore traces) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    @Override
    public List<StoreProblem> verify(boolean fix) {
        try {
            return store.verifyAll(fix);
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    @Override
    public GcReport gc(boolean dryRun) {
        Map<TraceId, String> keep = new LinkedHashMap<>();
        for (TraceEntry entry : registry.local().traces().values()) {
            keep.put(entry.id(), entry.cid());
        }
        for (TraceEntry entry : registry.bundled().traces().values()) {
            keep.putIfAbsent(entry.id(), entry.cid());
        }
        try {
            return store.gc(keep, dryRun);
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    @Override
    public Set<TraceId> pin(List<TraceId> ids, boolean pinned) {
        try {
            Set<TraceId> pins = store.pins();
            for (TraceId id : ids) {
                if (!pinned && !pins.contains(id)) {
                    throw new InvalidInputException("'" + id + "' is not pinned", Hint.NONE);
                }
                if (pinned && registry.local().find(id).isEmpty() && registry.bundled().find(id).isEmpty()
                        && traces.findAny(id).isEmpty()) {
                    throw new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES));
                }
            }
            for (TraceId id : ids) {
                store.pin(id, pinned);
            }
            return store.pins();
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    @Override
    public StoreListing list() {
        try {
            List<StoredTraceInfo> traces = new ArrayList<>(store.stored());
            traces.sort(Comparator.comparing(info -> info.id().value()));
            return new StoreListing(traces, store.diskBytes());
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    @Override
    public GcReport remove(List<TraceId> ids) {
        try {
            Set<TraceId> held = new HashSet<>();
            store.stored().forEach(info -> held.add(info.id()));
            List<String> unknown = ids.stream().filter(id -> !held.contains(id)).map(TraceId::value).distinct().toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("the local store does not hold " + String.join(", ", unknown)
                        + "; nothing was removed", Hint.of(Hint.Kind.LIST_STORED));
            }
            return store.remove(new LinkedHashSet<>(ids));
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }
}
