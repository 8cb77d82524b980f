package org.phasic.traces.application;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.domain.unixfs.UnixFsData;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.ServedContent;
import org.phasic.traces.ports.in.StoredTraceInfo;
import org.phasic.traces.ports.out.StoreMaintenance;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/**
 * Serves the store's proven content from a {@link VerifiedBlockIndex}: built on first use, and re-built (new traces
 * re-derived, removed ones dropped) when a CID it does not know is asked for, at most once per rescan interval, so a
 * flood of unknown CIDs costs one store listing per interval.
 */
public final class ServeContentService implements ServeContentUseCase {
    private final RegistryService registry;
    private final StoreMaintenance maintenance;
    private final TraceStore store;
    private final Clock clock;
    private final Duration rescanInterval;
    private final Map<String, VerifiedBlockIndex.Derived> derived = new HashMap<>();
    private volatile VerifiedBlockIndex index = VerifiedBlockIndex.EMPTY;
    private Instant lastScan;
    private List<String> refused = List.of();

    /**
     * @param rescanInterval the least time between two store scans triggered by unknown CIDs
     */
    public ServeContentService(RegistryService registry, StoreMaintenance maintenance, TraceStore store, Clock clock,
                               Duration rescanInterval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rescanInterval = Objects.requireNonNull(rescanInterval, "rescanInterval");
    }

    @Override
    public synchronized ServeIndexSummary refresh() throws IOException {
        lastScan = clock.instant();
        Set<String> present = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (StoredTraceInfo info : maintenance.stored()) {
            String key = info.id() + "@" + info.rootCid();
            present.add(key);
            if (!derived.containsKey(key)) {
                derive(info).ifPresentOrElse(blocks -> derived.put(key, blocks), () -> problems.add(info.id()
                        + ": its stored files do not re-derive to a registry CID (" + info.rootCid() + "); not served"));
            }
        }
        derived.keySet().retainAll(present);
        refused = List.copyOf(problems);
        index = VerifiedBlockIndex.of(derived.values());
        return new ServeIndexSummary(derived.size(), index.size(), refused);
    }

    private Optional<VerifiedBlockIndex.Derived> derive(StoredTraceInfo info) throws IOException {
        Cid root;
        try {
            root = Cid.parse(info.rootCid());
        } catch (InvalidCidException e) {
            return Optional.empty();
        }
        boolean listed = registry.candidates(info.id()).stream().map(TraceEntry::cid).anyMatch(info.rootCid()::equals);
        if (!listed) {
            return Optional.empty();
        }
        Optional<StoredTrace> stored = store.find(info.id(), info.rootCid());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return VerifiedBlockIndex.derive(stored.get(), root);
        } catch (ContentException e) {
            return Optional.empty();
        }
    }

    /** The index, re-built first when it lacks {@code cid} and the last scan is older than the rescan interval. */
    private VerifiedBlockIndex indexFor(Cid cid) throws IOException {
        VerifiedBlockIndex current = index;
        if (current.contains(cid)) {
            return current;
        }
        synchronized (this) {
            if (lastScan == null || !clock.instant().isBefore(lastScan.plus(rescanInterval))) {
                refresh();
            }
            return index;
        }
    }

    @Override
    public Optional<ServedContent> resolve(Cid root, List<String> path) throws IOException {
        VerifiedBlockIndex blocks = indexFor(root);
        List<Cid> visited = new ArrayList<>(path.size());
        Cid current = root;
        for (String name : path) {
            if (!SafePaths.isSafeName(name) || current.codec() != Multicodec.DAG_PB) {
                return Optional.empty();
            }
            Optional<byte[]> block = verified(blocks, current);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            PBNode node = PBNode.decode(block.get());
            if (node.decodeData(UnixFsData::decode).type() != UnixFsData.Type.DIRECTORY) {
                return Optional.empty();
            }
            visited.add(current);
            Optional<Cid> next = node.links().stream().filter(link -> name.equals(link.name())).map(PBLink::hash).findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        Optional<byte[]> terminal = verified(blocks, current);
        if (terminal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(describe(blocks, root, visited, current, terminal.get()));
    }

    private static ServedContent describe(VerifiedBlockIndex blocks, Cid root, List<Cid> path, Cid target, byte[] block) {
        if (target.codec() == Multicodec.RAW) {
            return new ServedContent(root, path, target, ServedContent.Kind.FILE, block.length, List.of());
        }
        PBNode node = PBNode.decode(block);
        UnixFsData data = node.decodeData(UnixFsData::decode);
        if (data.type() != UnixFsData.Type.DIRECTORY) {
            return new ServedContent(root, path, target, ServedContent.Kind.FILE, data.filesize(), List.of());
        }
        List<ServedContent.Entry> entries = new ArrayList<>();
        long total = 0;
        for (PBLink link : node.links()) {
            Optional<VerifiedBlockIndex.EntryInfo> info = blocks.entry(link.hash());
            long size = info.map(VerifiedBlockIndex.EntryInfo::size).orElse(link.tsize() == null ? 0 : link.tsize());
            entries.add(new ServedContent.Entry(link.name() == null ? "" : link.name(), link.hash(),
                    info.map(VerifiedBlockIndex.EntryInfo::directory).orElse(false), size));
            total += size;
        }
        return new ServedContent(root, path, target, ServedContent.Kind.DIRECTORY, total, entries);
    }

    @Override
    public Optional<byte[]> block(Cid cid) throws IOException {
        return verified(indexFor(cid), cid);
    }

    private static Optional<byte[]> verified(VerifiedBlockIndex blocks, Cid cid) throws IOException {
        Optional<byte[]> data = blocks.fetch(cid);
        if (data.isPresent() && !cid.matches(data.get())) {
            throw new CorruptContentException("the stored bytes of block " + cid + " changed since they were verified");
        }
        return data;
    }

    @Override
    public void writeCar(ServedContent content, DagScope scope, OutputStream out) throws IOException {
        VerifiedBlockIndex blocks = index;
        CarWriter car = new CarWriter(out, content.root());
        Set<Cid> written = new HashSet<>();
        for (Cid cid : content.path()) {
            emit(blocks, cid, car, written);
        }
        byte[] terminal = emit(blocks, content.target(), car, written);
        boolean descend = scope == DagScope.ALL || (scope == DagScope.ENTITY && content.kind() == ServedContent.Kind.FILE);
        if (descend && terminal != null) {
            children(blocks, content.target(), terminal, car, written);
        }
        car.flush();
    }

    private static void children(VerifiedBlockIndex blocks, Cid cid, byte[] block, CarWriter car, Set<Cid> written)
            throws IOException {
        if (cid.codec() != Multicodec.DAG_PB) {
            return;
        }
        for (PBLink link : PBNode.decode(block).links()) {
            byte[] child = emit(blocks, link.hash(), car, written);
            if (child != null) {
                children(blocks, link.hash(), child, car, written);
            }
        }
    }

    /** Writes {@code cid}'s verified block unless written already; returns it, or null when it was written before. */
    private static byte[] emit(VerifiedBlockIndex blocks, Cid cid, CarWriter car, Set<Cid> written) throws IOException {
        if (!written.add(cid)) {
            return null;
        }
        byte[] data = blocks.fetch(cid).orElseThrow(() -> new CorruptContentException("block " + cid + " left the store"));
        car.accept(Block.verified(cid, data));
        return data;
    }

    @Override
    public void writeFile(ServedContent content, OutputStream out) throws IOException {
        new Reassembler().writeFile(content.target(), index, out);
    }
}
