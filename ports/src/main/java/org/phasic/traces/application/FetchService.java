package org.phasic.traces.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;
import org.phasic.traces.ports.out.TraceStore.WorkLock;

/**
 * The fetch chain: the local store first — a hit touches no other source — then every bound
 * {@link ContentSource} in order. Each source's blocks are verified against the directory CID, and
 * {@code trace.json.gz} against the registry checksum, before anything is committed to the store; a source
 * that serves bad bytes is reported and the next one is tried. Besides {@code trace.json.gz} and {@code metadata.json}, a
 * source that serves the whole directory has every other file of it kept too (code files; its {@code checksum.sha256}
 * unless it can be re-made from the trace), within {@link FetchSettings#maxExtraFiles()} and
 * {@link FetchSettings#maxExtraBytes()}, so that the store can prove the whole directory to {@code serve} and write it
 * for {@code get --dir} without the network.
 */
public final class FetchService {
    private static final List<String> FILES = List.of(TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE);

    private final RegistryService registry;
    private final TraceStore store;
    private final Supplier<List<ContentSource>> sources;
    private final Notices notices;
    private final FetchSettings settings;
    private final FetchListener listener;
    private final TransferProgress progress;

    public FetchService(RegistryService registry, TraceStore store, List<ContentSource> sources, Notices notices,
                        FetchSettings settings) {
        this(registry, store, sources, notices, settings, FetchListener.NONE);
    }

    /** @param listener told about every trace fetched from a source (e.g. mirror write-back) */
    public FetchService(RegistryService registry, TraceStore store, List<ContentSource> sources, Notices notices,
                        FetchSettings settings, FetchListener listener) {
        this(registry, store, given(List.copyOf(sources)), notices, settings, listener);
    }

    /**
     * The fetch chain over sources built on first need: a store hit builds none of them (no bundled CAR loaded, no
     * network client made).
     *
     * @param sources  the sources after the local store, in any order; asked at most once
     * @param listener told about every trace fetched from a source (e.g. mirror write-back)
     */
    public FetchService(RegistryService registry, TraceStore store, Supplier<? extends Collection<ContentSource>> sources,
                        Notices notices, FetchSettings settings, FetchListener listener) {
        this(registry, store, sources, notices, settings, listener, TransferProgress.NONE);
    }

    /**
     * The fetch chain over sources built on first need, telling {@code progress} how many bytes each fetch expects
     * (the registry's sizes) and when the content it received is being verified.
     *
     * @param sources  the sources after the local store, in any order; asked at most once
     * @param listener told about every trace fetched from a source (e.g. mirror write-back)
     */
    public FetchService(RegistryService registry, TraceStore store, Supplier<? extends Collection<ContentSource>> sources,
                        Notices notices, FetchSettings settings, FetchListener listener, TransferProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sources, "sources");
        this.sources = once(() -> sources.get().stream().sorted(Comparator.comparingInt(ContentSource::order)).toList());
        this.notices = Objects.requireNonNull(notices, "notices");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The sources after the local store, in the order they are tried (network ones dropped when offline). */
    public List<ContentSource> sources() {
        return sources.get().stream().filter(source -> !(settings.offline() && source.usesNetwork())).toList();
    }

    /**
     * A verified copy of trace {@code id} in the local store, fetching it if needed.
     *
     * @param force fetch again even if the store has it
     * @throws TraceUnavailableException when the id is unknown or no source delivers verified content
     */
    public FetchedTrace get(TraceId id, boolean force) throws IOException {
        List<TraceEntry> candidates = registry.candidates(id);
        if (candidates.isEmpty() && !settings.offline()) {
            registry.refresh();
            candidates = registry.candidates(id);
        }
        if (candidates.isEmpty()) {
            throw new UnknownTraceException(id, Hint.of(settings.offline() ? Hint.Kind.LIST_TRACES_OFFLINE : Hint.Kind.LIST_TRACES));
        }
        List<String> failures = new ArrayList<>();
        for (int index = 0; index < candidates.size(); index++) {
            TraceEntry entry = candidates.get(index);
            Optional<FetchedTrace> fetched = fetchEntry(entry, force, failures);
            if (fetched.isPresent()) {
                if (index > 0) {
                    notices.notice("using the bundled copy of " + id + " (CID " + entry.cid() + "): the registry's CID "
                            + candidates.get(0).cid() + " could not be fetched");
                }
                return fetched.get();
            }
        }
        throw new TraceUnavailableException("could not fetch " + id, failures,
                Hint.of(settings.offline() ? Hint.Kind.GO_ONLINE : Hint.Kind.CHECK_NETWORK_OR_OTHER_SOURCE));
    }

    /**
     * Fetches and verifies {@code entry} as given — for example an entry of a registry being checked, not the
     * configured one — storing it like {@link #get}.
     *
     * @throws TraceUnavailableException naming every source's failure when no source delivers verified content
     */
    public FetchedTrace fetch(TraceEntry entry) throws IOException {
        List<String> failures = new ArrayList<>();
        return fetchEntry(entry, false, failures).orElseThrow(() -> new TraceUnavailableException(
                "could not fetch " + entry.id(), failures, Hint.of(Hint.Kind.CHECK_ENTRY, entry.id().value())));
    }

    private Optional<FetchedTrace> fetchEntry(TraceEntry entry, boolean force, List<String> failures) throws IOException {
        Cid root;
        try {
            root = Cid.parse(entry.cid());
        } catch (InvalidCidException e) {
            failures.add("registry CID of " + entry.id() + " is invalid (" + e.getMessage() + ")");
            return Optional.empty();
        }
        String rootText = root.toString();
        if (!force) {
            Optional<FetchedTrace> hit = fromStore(entry, rootText);
            if (hit.isPresent()) {
                return hit;
            }
        }
        try (WorkLock lock = store.lock(rootText, settings.lockWait())) {
            if (!force || !lock.held()) {
                Optional<FetchedTrace> doneMeanwhile = fromStore(entry, rootText);
                if (doneMeanwhile.isPresent()) {
                    return doneMeanwhile;
                }
            }
            progress.expecting(entry.id().value(), expectedBytes(entry));
            for (ContentSource source : sources()) {
                try {
                    Optional<StoredTrace> stored = fetchFrom(source, entry, root);
                    if (stored.isPresent()) {
                        tellListener(entry.id(), rootText, source);
                        return Optional.of(new FetchedTrace(entry, stored.get(), provenance(source)));
                    }
                    failures.add(source.name() + ": does not have " + rootText);
                } catch (ContentException e) {
                    String message = source.name() + ": served bad content (" + e.getMessage() + ")";
                    notices.notice(message + "; trying the next source");
                    failures.add(message);
                } catch (IOException | UncheckedIOException e) {
                    failures.add(source.name() + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private static <T> Supplier<T> given(T value) {
        return () -> value;
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = Objects.requireNonNull(supplier.get(), "sources");
                }
                return value;
            }
        };
    }

    /** The provenance of content served by {@code source}, by its place in the chain. */
    static Provenance provenance(ContentSource source) {
        int order = source.order();
        Provenance.Kind kind = order <= ContentSource.Tier.BUNDLE ? Provenance.Kind.BUNDLE
                : order <= ContentSource.Tier.MIRROR ? Provenance.Kind.MIRROR
                : order <= ContentSource.Tier.DAEMON ? Provenance.Kind.DAEMON : Provenance.Kind.GATEWAY;
        return new Provenance(kind, source.name());
    }

    private void tellListener(TraceId id, String root, ContentSource source) {
        try {
            listener.fetched(id, root, source);
        } catch (IOException | RuntimeException e) {
            notices.notice("fetched " + id + " from " + source.name() + " but could not pass it on (" + e.getMessage() + ")");
        }
    }

    private Optional<FetchedTrace> fromStore(TraceEntry entry, String root) throws IOException {
        Optional<StoredTrace> stored = store.find(entry.id(), root);
        store.problems().forEach(problem -> notices.notice("local store: " + problem.what() + " was damaged ("
                + problem.reason() + "); fetching it again"));
        return stored.map(trace -> new FetchedTrace(entry, trace, Provenance.STORE));
    }

    /**
     * One request for the whole directory DAG where the source can serve it (every block is still verified against
     * the CID that links to it while each file is extracted); file by file when it cannot, or when what it served
     * does not yield the files (a refused, incomplete or too large whole-DAG answer). A source that served a block
     * not matching its CID is not asked again.
     */
    private Optional<StoredTrace> fetchFrom(ContentSource source, TraceEntry entry, Cid root) throws IOException {
        Optional<BlockFeed> whole;
        try {
            whole = source.open(root, "");
        } catch (ContentNotFoundException | ContentLimitException | IOException | UncheckedIOException e) {
            return fetchFileByFile(source, entry, root);
        }
        if (whole.isEmpty()) {
            return Optional.empty();
        }
        Map<String, VerifiedStagedFile> files = new LinkedHashMap<>();
        try (BlockFeed feed = whole.get(); BlockReader blocks = BlockReader.of(feed)) {
            stageDirectory(files, entry, root, blocks.source());
        } catch (ContentNotFoundException | ContentLimitException | IOException | UncheckedIOException e) {
            discard(files);
            return fetchFileByFile(source, entry, root);
        } catch (RuntimeException e) {
            discard(files);
            throw e;
        }
        return commit(entry, root, files);
    }

    /**
     * Stages the directory's files in its own order: the known files always, and every other file with them when
     * {@link DirectoryEntries} accepts the directory and each of them extracts as a file within the bounds left. When
     * one does not (a sub-directory, a missing block, too many bytes), the extra files are dropped and only the known
     * ones are kept: extra files never fail a fetch.
     */
    private void stageDirectory(Map<String, VerifiedStagedFile> files, TraceEntry entry, Cid root, BlockSource blocks)
            throws IOException {
        List<String> names = DirectoryEntries.toStage(root, blocks, FILES, settings.maxExtraFiles(), settings.maxExtraBytes());
        List<String> extras = new ArrayList<>();
        long extraBytesLeft = settings.maxExtraBytes();
        boolean keepExtras = true;
        for (String name : names) {
            if (FILES.contains(name)) {
                stage(entry, root, name, blocks, settings.maxFileBytes()).ifPresent(file -> files.put(name, file));
            } else if (keepExtras) {
                Optional<VerifiedStagedFile> extra;
                try {
                    extra = stage(entry, root, name, blocks, Math.min(extraBytesLeft, settings.maxFileBytes()));
                } catch (ContentException notAFileOrTooLarge) {
                    extra = Optional.empty();
                }
                if (extra.isPresent()) {
                    files.put(name, extra.get());
                    extras.add(name);
                    extraBytesLeft -= extra.get().staged().size();
                } else {
                    extras.forEach(dropped -> files.remove(dropped).staged().discard());
                    keepExtras = false;
                }
            }
        }
    }

    private Optional<StoredTrace> fetchFileByFile(ContentSource source, TraceEntry entry, Cid root) throws IOException {
        Map<String, VerifiedStagedFile> files = new LinkedHashMap<>();
        try {
            for (String name : FILES) {
                Optional<BlockFeed> feed = source.open(root, name);
                if (feed.isEmpty()) {
                    if (name.equals(TraceEntry.TRACE_FILE)) {
                        return Optional.empty();
                    }
                    continue;
                }
                try (BlockFeed opened = feed.get(); BlockReader blocks = BlockReader.of(opened)) {
                    stage(entry, root, name, blocks.source(), settings.maxFileBytes()).ifPresent(file -> files.put(name, file));
                }
            }
        } catch (IOException | RuntimeException e) {
            discard(files);
            throw e;
        }
        return commit(entry, root, files);
    }

    private static void discard(Map<String, VerifiedStagedFile> files) {
        files.values().forEach(file -> file.staged().discard());
    }

    /**
     * Extracts {@code root/name} from {@code blocks} into a staging file, verified; empty when the directory lacks
     * {@code name} (unless it is {@code trace.json.gz}).
     *
     * @param maxBytes the largest file accepted
     * @throws ContentNotFoundException when {@code trace.json.gz} (or a block of it) is missing
     */
    private Optional<VerifiedStagedFile> stage(TraceEntry entry, Cid root, String name, BlockSource blocks, long maxBytes)
            throws IOException {
        String what = entry.id() + "/" + name;
        FileRef expected = entry.files() == null ? null : entry.files().get(name);
        progress.verifying(what, expected == null || expected.sizeBytes() == null ? 0 : expected.sizeBytes());
        StagedFile staged = store.stage();
        try {
            Cid fileCid = VerifiedExtraction.extract(root, name, blocks, staged.output(), maxBytes);
            staged.close();
            return Optional.of(new VerifiedStagedFile(staged, fileCid.toString()));
        } catch (ContentNotFoundException missing) {
            staged.discard();
            if (name.equals(TraceEntry.TRACE_FILE)) {
                throw missing;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            staged.discard();
            throw e;
        } finally {
            progress.verified(what);
        }
    }

    /** The registry's sizes of {@code entry}'s files (those it gives a size for), in bytes. */
    static long expectedBytes(TraceEntry entry) {
        if (entry.files() == null) {
            return 0;
        }
        return entry.files().values().stream().filter(file -> file != null && file.sizeBytes() != null)
                .mapToLong(FileRef::sizeBytes).sum();
    }

    private Optional<StoredTrace> commit(TraceEntry entry, Cid root, Map<String, VerifiedStagedFile> files)
            throws IOException {
        try {
            checkChecksum(entry, files.get(TraceEntry.TRACE_FILE).staged());
            dropRemadeChecksum(files);
            StoredTrace stored = store.commit(entry.id(), root.toString(), files);
            files.clear();
            return Optional.of(stored);
        } finally {
            discard(files);
        }
    }

    /**
     * Leaves out a {@code checksum.sha256} that holds exactly what {@link TracePackager} makes of the trace's SHA-256:
     * {@link VerifiedBlockIndex#derive} re-makes it, so the store saves an object, a flush per fetch and a check per hit.
     */
    private static void dropRemadeChecksum(Map<String, VerifiedStagedFile> files) {
        VerifiedStagedFile checksum = files.get(TracePackager.CHECKSUM_FILE);
        String traceSha256 = files.get(TraceEntry.TRACE_FILE).staged().sha256();
        if (checksum != null && checksum.staged().sha256().equals(Sha256.hex(TracePackager.checksumFile(traceSha256)))) {
            files.remove(TracePackager.CHECKSUM_FILE).staged().discard();
        }
    }

    private void checkChecksum(TraceEntry entry, StagedFile trace) {
        if (entry.checksum() == null) {
            notices.notice(entry.id() + " has no checksum in the registry; verified by CID only");
            return;
        }
        Checksum expected;
        try {
            expected = Checksum.parse(entry.checksum());
        } catch (IllegalArgumentException e) {
            notices.notice(entry.id() + ": " + e.getMessage() + "; verified by CID only");
            return;
        }
        if (!expected.matches(HexFormat.of().parseHex(trace.sha256()))) {
            throw new CorruptContentException(TraceEntry.TRACE_FILE + " matches its CID but not the registry checksum (sha256:"
                    + trace.sha256() + ", registry " + expected + ")");
        }
    }
}
