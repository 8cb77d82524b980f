package org.phasic.traces.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TraceSelection;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.PrivateMirror;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/** Push, pull and list the one private mirror of the active profiles. */
public final class MirrorService implements MirrorUseCase {
    private final RegistryService registry;
    private final TraceStore store;
    private final FetchService fetch;
    private final List<PrivateMirror> mirrors;
    private final Notices notices;
    private final FetchSettings pullSettings;

    /**
     * @param fetch        the configured fetch chain, whose other sources supply blocks a push needs
     * @param mirrors      the active mirrors (commands need exactly one)
     * @param pullSettings how pulls fetch (always online: the mirror is the only source)
     */
    public MirrorService(RegistryService registry, TraceStore store, FetchService fetch, List<PrivateMirror> mirrors,
                         Notices notices, FetchSettings pullSettings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.mirrors = List.copyOf(mirrors);
        this.notices = Objects.requireNonNull(notices, "notices");
        this.pullSettings = Objects.requireNonNull(pullSettings, "pullSettings");
    }

    @Override
    public BatchOutcome push(List<TraceId> ids, int jobs, BatchItem.Listener listener) throws InterruptedException {
        PrivateMirror mirror = mirror();
        boolean all = ids.isEmpty();
        List<TraceId> wanted = all ? List.copyOf(registry.current().traces().keySet()) : ids;
        List<BatchItem> missing = new ArrayList<>();
        List<StoredTrace> toPush = new ArrayList<>();
        for (TraceId id : wanted) {
            Optional<StoredTrace> stored = findAny(id);
            if (stored.isPresent()) {
                toPush.add(stored.get());
            } else if (!all) {
                missing.add(BatchItem.failed(id, "not in the local store", Hint.of(Hint.Kind.GET_FIRST, id.value())));
            }
        }
        List<ContentSource> blockSources = fetch.sources().stream().filter(source -> source != mirror.source()).toList();
        BatchOutcome pushed = Batches.run(mirror.location(), toPush, StoredTrace::id, jobs, "cache-push", listener,
                (id, trace) -> Batches.doneOrSkipped(id, mirror.push(id, trace.rootCid(), blockSources)));
        List<BatchItem> items = new ArrayList<>(missing);
        items.addAll(pushed.items());
        return new BatchOutcome(mirror.location(), items);
    }

    @Override
    public BatchOutcome pull(TraceSelection selection, int jobs, BatchItem.Listener listener) throws InterruptedException {
        PrivateMirror mirror = mirror();
        Registry current = registry.current();
        List<TraceId> wanted;
        try {
            wanted = InstallService.resolve(current, selection).orElse(null);
            if (wanted == null) {
                wanted = mirror.ids();
            }
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
        FetchService fromMirror = new FetchService(registry, store, List.of(mirror.source()), notices, pullSettings);
        return Batches.run(mirror.location(), wanted, id -> id, jobs, "cache-pull", listener,
                (id, ignored) -> Batches.fetched(id, fromMirror.get(id, false).servedBy()));
    }

    @Override
    public Listing list() {
        try {
            return mirror().list();
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    private Optional<StoredTrace> findAny(TraceId id) {
        try {
            return store.findAny(id);
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
    }

    private PrivateMirror mirror() {
        if (mirrors.isEmpty()) {
            throw new InvalidInputException("no private mirror is configured", Hint.of(Hint.Kind.CONFIGURE_MIRROR));
        }
        if (mirrors.size() > 1) {
            throw new InvalidInputException("several private mirrors are active (" + mirrors.stream()
                    .map(PrivateMirror::location).collect(Collectors.joining(", ")) + ")",
                    Hint.of(Hint.Kind.CHOOSE_ONE_MIRROR));
        }
        return mirrors.get(0);
    }
}
