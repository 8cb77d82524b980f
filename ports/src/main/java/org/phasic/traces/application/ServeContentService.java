package org.phasic.traces.application;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.domain.unixfs.UnixFsData;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.ServedContent;
import org.phasic.traces.ports.in.StoredTraceInfo;
import org.phasic.traces.ports.out.StoreMaintenance;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/**
 * Serves the store's proven content from a {@link VerifiedBlockIndex}, kept on disk ({@link BlockIndexFile}) so that a
 * start re-derives only what the store gained since the index was written. The index follows the store: it is brought
 * up to date (new traces derived, removed ones dropped, the file rewritten) on start, when the store reports that its
 * references changed (in this process or another), and when a CID it does not know is asked for, at most once per
 * rescan interval, so a flood of unknown CIDs costs one store listing per interval.
 */
public final class ServeContentService implements ServeContentUseCase {
    /** A reference change this recent may hide a later one within the file system's timestamp granularity. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** How often an unsettled reference change is looked at again. */
    private static final Duration UNSETTLED_RECHECK = Duration.ofMillis(100);

    private final RegistryService registry;
    private final StoreMaintenance maintenance;
    private final TraceStore store;
    private final Clock clock;
    private final Duration rescanInterval;
    private final BlockIndexFile indexFile;
    private final Map<String, BlockIndexFile.Proven> proven = new HashMap<>();
    /** Stored traces whose files did not re-derive to their CID, by key, with the stamp they had then. */
    private final Map<String, BlockIndexFile.Stamp> underived = new HashMap<>();
    private volatile VerifiedBlockIndex index = VerifiedBlockIndex.EMPTY;
    private volatile boolean loaded;
    private volatile Optional<Instant> seenChange = Optional.empty();
    private volatile boolean settled;
    private volatile Instant lastScan;

    /**
     * @param rescanInterval the least time between two store scans triggered by unknown CIDs
     * @param indexFile      where the verified block index is kept (its folder is created when first written)
     */
    public ServeContentService(RegistryService registry, StoreMaintenance maintenance, TraceStore store, Clock clock,
                               Duration rescanInterval, Path indexFile) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rescanInterval = Objects.requireNonNull(rescanInterval, "rescanInterval");
        this.indexFile = new BlockIndexFile(Objects.requireNonNull(indexFile, "indexFile"));
    }

    @Override
    public synchronized ServeIndexSummary refresh() throws IOException {
        List<String> notes = new ArrayList<>();
        boolean dirty = !loaded && load(notes);
        Optional<Instant> changed = maintenance.referencesChanged();
        Instant started = clock.instant();
        Map<String, StoredTraceInfo> present = new HashMap<>();
        for (StoredTraceInfo info : maintenance.stored()) {
            present.put(BlockIndexFile.Stamp.of(info).key(), info);
        }
        dirty |= proven.keySet().retainAll(present.keySet());
        underived.keySet().retainAll(present.keySet());
        List<String> problems = new ArrayList<>();
        int derivations = 0;
        for (StoredTraceInfo info : present.values()) {
            BlockIndexFile.Stamp stamp = BlockIndexFile.Stamp.of(info);
            BlockIndexFile.Proven known = proven.get(stamp.key());
            if (known != null && known.stamp().equals(stamp)) {
                continue;
            }
            if (known != null) {
                proven.remove(stamp.key());
                dirty = true;
                notes.add(info.id() + ": its store entry changed since it was indexed; derived again");
            }
            String refusal = info.id() + ": its stored files do not re-derive to a registry CID (" + info.rootCid() + "); not served";
            if (stamp.equals(underived.get(stamp.key()))) {
                problems.add(refusal);
                continue;
            }
            derivations++;
            Optional<VerifiedBlockIndex.Derived> derived = derive(info, stamp);
            if (derived.isPresent()) {
                proven.put(stamp.key(), new BlockIndexFile.Proven(stamp, derived.get()));
                dirty = true;
            } else {
                problems.add(refusal);
            }
        }
        if (dirty) {
            try {
                indexFile.write(proven.values());
            } catch (IOException e) {
                notes.add("cannot write the block index " + indexFile.path() + " (" + e.getMessage()
                        + "); serving from memory, the next start derives again");
            }
        }
        index = VerifiedBlockIndex.of(proven.values().stream().map(BlockIndexFile.Proven::derived).toList());
        seenChange = changed;
        settled = changed.isPresent() && changed.get().isBefore(started.minus(SETTLE));
        lastScan = started;
        loaded = true;
        return new ServeIndexSummary(proven.size(), index.size(), problems, derivations, notes);
    }

    /**
     * Reads the index file into {@link #proven}, keeping only traces the registry still lists whose stored files are
     * still there (the others are derived again if the store still holds them).
     *
     * @return whether the file must be written again (missing, invalid, or holding traces no longer listed)
     */
    private boolean load(List<String> notes) throws IOException {
        Optional<BlockIndexFile.Contents> read;
        try {
            read = indexFile.read();
        } catch (BlockIndexFile.InvalidIndexException e) {
            notes.add("the block index " + indexFile.path() + " is not usable (" + e.getMessage() + "); rebuilt from the store");
            return true;
        }
        if (read.isEmpty()) {
            return true;
        }
        boolean dropped = read.get().stale() > 0;
        for (BlockIndexFile.Proven trace : read.get().traces()) {
            if (listed(trace.stamp())) {
                proven.put(trace.stamp().key(), trace);
            } else {
                dropped = true;
            }
        }
        return dropped;
    }

    private boolean listed(BlockIndexFile.Stamp stamp) throws IOException {
        if (!TraceId.isValid(stamp.id())) {
            return false;
        }
        return registry.candidates(TraceId.of(stamp.id())).stream().map(TraceEntry::cid).anyMatch(stamp.rootCid()::equals);
    }

    /** The blocks of {@code info} when it is listed and re-derives to its CID; a derivation that fails is remembered. */
    private Optional<VerifiedBlockIndex.Derived> derive(StoredTraceInfo info, BlockIndexFile.Stamp stamp) throws IOException {
        Cid root;
        try {
            root = Cid.parse(info.rootCid());
        } catch (InvalidCidException e) {
            return Optional.empty();
        }
        if (!listed(stamp)) {
            return Optional.empty();
        }
        Optional<StoredTrace> stored = store.find(info.id(), info.rootCid());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<VerifiedBlockIndex.Derived> derived;
        try {
            derived = VerifiedBlockIndex.derive(stored.get(), root);
        } catch (ContentException e) {
            derived = Optional.empty();
        }
        if (derived.isEmpty()) {
            underived.put(stamp.key(), stamp);
        }
        return derived;
    }

    /**
     * The index, brought up to date first when the store's references changed since the last scan, or when it lacks
     * {@code cid} and the last scan is older than the rescan interval.
     */
    private VerifiedBlockIndex indexFor(Cid cid) throws IOException {
        if (storeChanged()) {
            synchronized (this) {
                if (storeChanged()) {
                    refresh();
                }
            }
        }
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

    /** Whether the store says its references changed since the last scan (a stat, not a listing). */
    private boolean storeChanged() throws IOException {
        if (!loaded) {
            return true;
        }
        Optional<Instant> changed = maintenance.referencesChanged();
        if (changed.isEmpty()) {
            return false;
        }
        return !changed.equals(seenChange) || !settled && !clock.instant().isBefore(lastScan.plus(UNSETTLED_RECHECK));
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
        Set<Cid> listed = new HashSet<>();
        List<Cid> order = new ArrayList<>();
        for (Cid cid : content.path()) {
            if (listed.add(cid)) {
                order.add(cid);
            }
        }
        boolean descend = scope == DagScope.ALL || (scope == DagScope.ENTITY && content.kind() == ServedContent.Kind.FILE);
        if (listed.add(content.target())) {
            order.add(content.target());
            if (descend) {
                VerifiedBlockStream.below(blocks, content.target(), order, listed);
            }
        }
        CarWriter car = new CarWriter(out, content.root());
        VerifiedBlockStream.forEach(blocks, order, car::accept);
        car.flush();
    }

    /**
     * Writes the file's bytes (see {@link VerifiedBlockStream#writeFile}); fails when they do not add up to the size
     * the file was resolved with.
     */
    @Override
    public void writeFile(ServedContent content, OutputStream out) throws IOException {
        long written = VerifiedBlockStream.writeFile(index, content.target(), out);
        if (written != content.size()) {
            throw new CorruptContentException("file " + content.target() + " holds " + written + " bytes, not " + content.size());
        }
    }
}
