package org.phasic.traces.app.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.StoreProblem;
import org.phasic.traces.ports.in.StoredTraceInfo;
import org.phasic.traces.ports.out.StoreMaintenance;
import org.phasic.traces.ports.out.TraceStore;

/**
 * {@link TraceStore} on a local folder:
 * <pre>
 *   objects/&lt;cid&gt;     verified file bytes, named by the file's CID (immutable)
 *   refs/&lt;id&gt;.json    trace id → directory CID and its files by name (cid, size, sha256); written last
 *   tmp/              unique staging files (never trusted)
 *   locks/&lt;cid&gt;.lock  work de-duplication only
 *   pins              user-pinned ids, one per line
 * </pre>
 * Everything is renamed into place atomically; readers check size and hash on every read. Durability costs one
 * fdatasync per new object, before the reference that names it is renamed into place; the reference itself is not
 * flushed: after a power loss it may be missing (the trace is fetched again) or empty (reported as unreadable and
 * removed), never pointing at content that was not on the device.
 */
public final class DiskTraceStore implements TraceStore, StoreMaintenance {
    private static final Pattern CID_CHARACTERS = Pattern.compile("[A-Za-z0-9]{8,128}");
    private static final Duration ABANDONED_STAGING = Duration.ofHours(1);
    /** Files up to this size are checked with one read into an array of their size. */
    private static final int WHOLE_READ_BYTES = 1 << 20;

    private final Path root;
    private final Path objects;
    private final Path refs;
    private final Path tmp;
    private final Path locks;
    private final Path pinsFile;
    private final Duration staleLock;
    private final Clock clock;
    private final List<StoreProblem> problems = new ArrayList<>();

    /** The on-disk form of a reference. */
    record Ref(String id, String root, Map<String, RefFile> files) {
    }

    /** One file of a reference. */
    record RefFile(String cid, long size, String sha256) {
    }

    /**
     * @param root      the store folder (created if missing)
     * @param staleLock age after which another process's work lock is taken over
     * @param clock     time source
     */
    public DiskTraceStore(Path root, Duration staleLock, Clock clock) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.staleLock = Objects.requireNonNull(staleLock, "staleLock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.objects = Files.createDirectories(this.root.resolve("objects"));
        this.refs = Files.createDirectories(this.root.resolve("refs"));
        this.tmp = Files.createDirectories(this.root.resolve("tmp"));
        this.locks = Files.createDirectories(this.root.resolve("locks"));
        this.pinsFile = this.root.resolve("pins");
    }

    /** The store folder. */
    public Path root() {
        return root;
    }

    @Override
    public Optional<StoredTrace> find(TraceId id, String rootCid) throws IOException {
        return findAny(id).filter(trace -> trace.rootCid().equals(rootCid));
    }

    @Override
    public Optional<StoredTrace> findAny(TraceId id) throws IOException {
        Path refPath = refPath(id);
        if (!refPath.toFile().exists()) {
            return Optional.empty();
        }
        Object refKey = fileKey(refPath);
        Ref ref = readRef(refPath);
        if (ref == null) {
            return Optional.empty();
        }
        Map<String, StoredFile> files = new LinkedHashMap<>();
        for (Map.Entry<String, RefFile> file : ref.files().entrySet()) {
            RefFile expected = file.getValue();
            Path object = objectPath(expected.cid());
            Object objectKey = fileKey(object);
            String problem = check(object, expected);
            if (problem != null) {
                report(new StoreProblem(id + "/" + file.getKey(), problem, true));
                deleteIfUnchanged(object, objectKey);
                deleteIfUnchanged(refPath, refKey);
                return Optional.empty();
            }
            files.put(file.getKey(), new StoredFile(expected.cid(), expected.size(), expected.sha256(), object));
        }
        return Optional.of(new StoredTrace(id, ref.root(), files));
    }

    /**
     * The file's identity: device and inode where the file system has them (inodes are reused, so with the modification
     * time), or null when it is missing.
     */
    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /**
     * Deletes the damaged {@code file} only if it is still the file that was checked: another thread or process healing
     * the same entry may have renamed a good copy into place meanwhile, and that copy must stay.
     */
    private static void deleteIfUnchanged(Path file, Object checkedKey) throws IOException {
        if (checkedKey != null && checkedKey.equals(fileKey(file))) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Parses a reference, refusing one that is incomplete, names content by anything but a CID, or names a file by
     * anything but a safe single path segment (the names reach folders written by {@code get --dir}).
     */
    private static Ref parseRef(Path refPath) throws IOException {
        Ref ref = StoreJson.readRef(refPath);
        if (ref == null || !TraceId.isValid(ref.id()) || !validCid(ref.root()) || ref.files() == null
                || ref.files().values().stream().anyMatch(f -> f == null || !validCid(f.cid()))) {
            throw new IOException("incomplete reference");
        }
        for (String name : ref.files().keySet()) {
            if (!SafePaths.isSafeName(name)) {
                throw new IOException("unsafe file name '" + UntrustedText.printable(name) + "'");
            }
        }
        return ref;
    }

    private Ref readRef(Path refPath) throws IOException {
        try {
            return parseRef(refPath);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            report(new StoreProblem(refPath.getFileName().toString(), "unreadable reference (" + e.getMessage() + ")", true));
            Files.deleteIfExists(refPath);
            return null;
        }
    }

    /** Whether {@code object} has the expected size and SHA-256: one open, the size from it, one read for small files. */
    private static String check(Path object, RefFile expected) throws IOException {
        try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size != expected.size()) {
                return "size is " + size + " bytes, expected " + expected.size();
            }
            String sha256 = sha256(channel, size);
            return sha256.equals(expected.sha256()) ? null : "SHA-256 is " + sha256 + ", expected " + expected.sha256();
        } catch (NoSuchFileException e) {
            return "content file is missing";
        }
    }

    private static String sha256(FileChannel channel, long size) throws IOException {
        if (size > WHOLE_READ_BYTES) {
            return Sha256.hex(Channels.newInputStream(channel));
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
            // until full or at the end
        }
        if (bytes.hasRemaining()) {
            throw new IOException("the file shrank while it was read");
        }
        return Sha256.hex(bytes.array());
    }

    @Override
    public StagedFile stage() throws IOException {
        Path path = tmp.resolve("stage-" + AtomicFiles.uniqueSuffix());
        return new DiskStagedFile(path);
    }

    @Override
    public StoredTrace commit(TraceId id, String rootCid, Map<String, VerifiedStagedFile> files) throws IOException {
        requireCid(rootCid);
        Map<String, RefFile> refFiles = new LinkedHashMap<>();
        Map<String, StoredFile> stored = new LinkedHashMap<>();
        for (Map.Entry<String, VerifiedStagedFile> file : files.entrySet()) {
            SafePaths.requireSafeName(file.getKey());
            String cid = requireCid(file.getValue().cid());
            DiskStagedFile staged = (DiskStagedFile) file.getValue().staged();
            staged.close();
            RefFile refFile = new RefFile(cid, staged.size(), staged.sha256());
            Path object = objectPath(cid);
            if (Files.exists(object) && check(object, refFile) == null) {
                staged.discard();
            } else {
                AtomicFiles.syncData(staged.path);
                AtomicFiles.move(staged.path, object);
            }
            refFiles.put(file.getKey(), refFile);
            stored.put(file.getKey(), new StoredFile(cid, refFile.size(), refFile.sha256(), object));
        }
        AtomicFiles.write(tmp, refPath(id), StoreJson.write(new Ref(id.value(), rootCid, refFiles)), false);
        return new StoredTrace(id, rootCid, stored);
    }

    @Override
    public WorkLock lock(String rootCid, Duration maxWait) throws IOException {
        Path lock = locks.resolve(requireCid(rootCid) + ".lock");
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            try {
                Files.writeString(lock, ProcessHandle.current().pid() + " " + clock.instant(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new HeldLock(lock);
            } catch (FileAlreadyExistsException busy) {
                if (isStale(lock)) {
                    Files.deleteIfExists(lock);
                    continue;
                }
                if (!clock.instant().isBefore(deadline)) {
                    return new HeldLock(null);
                }
                sleep(Duration.ofMillis(25));
            }
        }
    }

    private boolean isStale(Path lock) throws IOException {
        try {
            Instant modified = Files.getLastModifiedTime(lock).toInstant();
            if (Duration.between(modified, clock.instant()).compareTo(staleLock) > 0) {
                return true;
            }
            String[] owner = Files.readString(lock).trim().split(" ");
            return owner.length > 0 && owner[0].matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(owner[0])).map(p -> !p.isAlive()).orElse(true);
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a store lock", e);
        }
    }

    @Override
    public List<StoreProblem> verifyAll(boolean fix) throws IOException {
        List<StoreProblem> found = new ArrayList<>();
        for (Path refPath : list(refs)) {
            Object refKey = fileKey(refPath);
            Ref ref;
            try {
                ref = parseRef(refPath);
            } catch (NoSuchFileException removedMeanwhile) {
                continue;
            } catch (IOException e) {
                found.add(new StoreProblem(refPath.getFileName().toString(), "unreadable reference (" + e.getMessage() + ")", fix));
                if (fix) {
                    deleteIfUnchanged(refPath, refKey);
                }
                continue;
            }
            for (Map.Entry<String, RefFile> file : ref.files().entrySet()) {
                Path object = objectPath(file.getValue().cid());
                Object objectKey = fileKey(object);
                String problem = check(object, file.getValue());
                if (problem != null) {
                    found.add(new StoreProblem(ref.id() + "/" + file.getKey(), problem, fix));
                    if (fix) {
                        deleteIfUnchanged(object, objectKey);
                        deleteIfUnchanged(refPath, refKey);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public GcReport gc(Map<TraceId, String> keep, boolean dryRun) throws IOException {
        Set<TraceId> pinned = pins();
        List<String> removedRefs = new ArrayList<>();
        Set<String> liveObjects = new HashSet<>();
        for (Path refPath : list(refs)) {
            Ref ref;
            try {
                ref = parseRef(refPath);
            } catch (IOException e) {
                ref = null;
            }
            TraceId id = ref != null ? TraceId.of(ref.id()) : null;
            boolean wanted = id != null && (pinned.contains(id) || ref.root().equals(keep.get(id)));
            if (wanted) {
                ref.files().values().forEach(file -> liveObjects.add(file.cid()));
            } else {
                removedRefs.add(refPath.getFileName().toString().replaceFirst("\\.json$", ""));
                if (!dryRun) {
                    Files.deleteIfExists(refPath);
                }
            }
        }
        return sweep(removedRefs, liveObjects, dryRun);
    }

    /** Removes (or with {@code dryRun} counts) the objects not in {@code liveObjects} and abandoned staging files. */
    private GcReport sweep(List<String> removedRefs, Set<String> liveObjects, boolean dryRun) throws IOException {
        List<String> removedObjects = new ArrayList<>();
        long bytes = 0;
        for (Path object : list(objects)) {
            if (!liveObjects.contains(object.getFileName().toString())) {
                removedObjects.add(object.getFileName().toString());
                bytes += Files.size(object);
                if (!dryRun) {
                    Files.deleteIfExists(object);
                }
            }
        }
        Instant abandoned = clock.instant().minus(ABANDONED_STAGING);
        for (Path staged : list(tmp)) {
            if (Files.getLastModifiedTime(staged).toInstant().isBefore(abandoned)) {
                bytes += Files.size(staged);
                if (!dryRun) {
                    Files.deleteIfExists(staged);
                }
            }
        }
        return new GcReport(removedRefs, removedObjects, bytes, dryRun);
    }

    @Override
    public List<StoredTraceInfo> stored() throws IOException {
        Set<TraceId> pinned = pins();
        List<StoredTraceInfo> stored = new ArrayList<>();
        for (Map.Entry<Path, Ref> entry : readableRefs().entrySet()) {
            Path refPath = entry.getKey();
            Ref ref = entry.getValue();
            long bytes = 0;
            Instant lastUsed = lastUsed(refPath);
            for (RefFile file : ref.files().values()) {
                bytes += file.size();
                Path object = objectPath(file.cid());
                if (Files.exists(object)) {
                    Instant used = lastUsed(object);
                    lastUsed = used.isAfter(lastUsed) ? used : lastUsed;
                }
            }
            TraceId id = TraceId.of(ref.id());
            stored.add(new StoredTraceInfo(id, ref.root(), ref.files().size(), bytes, lastUsed, pinned.contains(id)));
        }
        return stored;
    }

    /** The modification time of {@code refs/}: every reference added, renamed into place or deleted changes it. */
    @Override
    public Optional<Instant> referencesChanged() throws IOException {
        return Optional.of(Files.getLastModifiedTime(refs).toInstant());
    }

    /** The later of the file's modification and access times (access times are coarse where the file system relaxes them). */
    private static Instant lastUsed(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Instant modified = attributes.lastModifiedTime().toInstant();
        Instant accessed = attributes.lastAccessTime().toInstant();
        return accessed.isAfter(modified) ? accessed : modified;
    }

    @Override
    public long diskBytes() throws IOException {
        long bytes = 0;
        for (Path folder : List.of(objects, tmp)) {
            for (Path file : list(folder)) {
                try {
                    bytes += Files.size(file);
                } catch (NoSuchFileException gone) {
                    // removed by another process meanwhile
                }
            }
        }
        return bytes;
    }

    @Override
    public synchronized GcReport remove(Set<TraceId> ids) throws IOException {
        List<String> removedRefs = new ArrayList<>();
        for (TraceId id : ids) {
            if (Files.deleteIfExists(refPath(id))) {
                removedRefs.add(id.value());
            }
            pin(id, false);
        }
        Set<String> liveObjects = new HashSet<>();
        readableRefs().values().forEach(ref -> ref.files().values().forEach(file -> liveObjects.add(file.cid())));
        return sweep(removedRefs, liveObjects, false);
    }

    /** The references that parse, by file; an unreadable one is skipped here ({@link #verifyAll} reports it). */
    private Map<Path, Ref> readableRefs() throws IOException {
        Map<Path, Ref> readable = new LinkedHashMap<>();
        for (Path refPath : list(refs)) {
            try {
                readable.put(refPath, parseRef(refPath));
            } catch (IOException unreadableOrGone) {
                // skipped
            }
        }
        return readable;
    }

    @Override
    public synchronized List<StoreProblem> problems() {
        List<StoreProblem> reported = List.copyOf(problems);
        problems.clear();
        return reported;
    }

    private synchronized void report(StoreProblem problem) {
        problems.add(problem);
    }

    @Override
    public Set<TraceId> pins() throws IOException {
        Set<TraceId> pins = new TreeSet<>();
        if (Files.exists(pinsFile)) {
            for (String line : Files.readAllLines(pinsFile)) {
                if (TraceId.isValid(line.trim())) {
                    pins.add(TraceId.of(line.trim()));
                }
            }
        }
        return pins;
    }

    @Override
    public synchronized void pin(TraceId id, boolean pinned) throws IOException {
        Set<TraceId> pins = pins();
        if (pinned ? pins.add(id) : pins.remove(id)) {
            String lines = pins.stream().map(pin -> pin.value() + "\n").collect(java.util.stream.Collectors.joining());
            AtomicFiles.write(tmp, pinsFile, lines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private Path refPath(TraceId id) {
        return refs.resolve(id.value() + ".json");
    }

    private Path objectPath(String cid) {
        return objects.resolve(requireCid(cid));
    }

    private static boolean validCid(String cid) {
        return cid != null && CID_CHARACTERS.matcher(cid).matches();
    }

    private static String requireCid(String cid) {
        if (!validCid(cid)) {
            throw new IllegalArgumentException("not a CID string: " + cid);
        }
        return cid;
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        }
        return entries;
    }

    private final class DiskStagedFile implements StagedFile {
        private final Path path;
        private final MessageDigest digest = Sha256.newDigest();
        private final WriteBehindOutput output;
        private boolean closed;
        private long size;
        private String sha256;

        DiskStagedFile(Path path) throws IOException {
            this.path = path;
            this.output = new WriteBehindOutput(path, digest);
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                output.close();
                size = output.written();
                sha256 = Sha256.finishHex(digest);
            }
        }

        @Override
        public long size() {
            requireClosed();
            return size;
        }

        @Override
        public String sha256() {
            requireClosed();
            return sha256;
        }

        private void requireClosed() {
            if (!closed) {
                throw new IllegalStateException("staged file " + path + " is still being written");
            }
        }

        @Override
        public void discard() {
            try {
                close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove staging file " + path, e);
            }
        }
    }

    private static final class HeldLock implements WorkLock {
        private final Path lock;

        HeldLock(Path lock) {
            this.lock = lock;
        }

        @Override
        public boolean held() {
            return lock != null;
        }

        @Override
        public void close() {
            if (lock != null) {
                try {
                    Files.deleteIfExists(lock);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot release lock " + lock, e);
                }
            }
        }
    }
}
