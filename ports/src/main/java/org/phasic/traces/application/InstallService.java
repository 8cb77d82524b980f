package org.phasic.traces.application;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceCollection;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.TraceSelection;

/** Fetches many traces with bounded parallelism, collecting every outcome instead of stopping at the first failure. */
public final class InstallService implements InstallTracesUseCase {
    /**
     * Up to this many ids are looked up one at a time (each reads one entry of the cached registry through its index);
     * more, a collection or everything read the registry whole.
     */
    static final int LOOKED_UP_ONE_BY_ONE = 32;
    private final RegistryService registry;
    private final FetchService fetch;
    private final Consumer<FetchedTrace> installed;

    public InstallService(RegistryService registry, FetchService fetch) {
        this(registry, fetch, trace -> { });
    }

    /** @param installed told about every trace installed (e.g. to copy it into phasic's own cache) */
    public InstallService(RegistryService registry, FetchService fetch, Consumer<FetchedTrace> installed) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.installed = Objects.requireNonNull(installed, "installed");
    }

    @Override
    public BatchOutcome install(TraceSelection selection, int jobs, BatchItem.Listener listener) throws InterruptedException {
        List<TraceId> ids;
        Function<TraceId, Optional<TraceEntry>> entries;
        if (selection.collection().isEmpty() && !selection.ids().isEmpty() && selection.ids().size() <= LOOKED_UP_ONE_BY_ONE) {
            ids = selection.ids();
            entries = registry::find;
        } else {
            Registry current = registry.current();
            ids = resolve(current, selection).orElseGet(() -> List.copyOf(current.traces().keySet()));
            entries = current::find;
        }
        for (TraceId id : ids) {
            entries.apply(id).ifPresent(entry -> listener.expectedBytes(id, FetchService.expectedBytes(entry)));
        }
        return Batches.run("", ids, id -> id, jobs, "install", listener,
                (id, ignored) -> {
                    FetchedTrace fetched = fetch.get(id, false);
                    installed.accept(fetched);
                    return Batches.fetched(id, fetched.servedBy());
                });
    }

    /**
     * The traces {@code selection} names in {@code registry}; empty for the default selection.
     *
     * @throws InvalidInputException when the collection is unknown
     */
    static Optional<List<TraceId>> resolve(Registry registry, TraceSelection selection) {
        if (selection.collection().isPresent()) {
            String name = selection.collection().get();
            TraceCollection members = registry.collections().get(name);
            if (members == null) {
                throw new InvalidInputException("unknown collection '" + name + "'; the registry has: "
                        + String.join(", ", registry.collections().keySet()));
            }
            return Optional.of(members.traces().stream().map(TraceId::of).toList());
        }
        return selection.ids().isEmpty() ? Optional.empty() : Optional.of(selection.ids());
    }

}
