package org.phasic.traces.domain.car;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.HashFunction;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.concurrent.DaemonThreads;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.unixfs.LeafPlacement;

/**
 * A CAR file opened for random access: {@link #open(Path)} scans it once, checking the header and every
 * section's framing and CID (but not hashing the blocks), and keeps an index of where each block is.
 * {@link #fetch(Cid)} then reads one block; the consumer verifies it, as for any source. Memory is the
 * index (about a hundred bytes per block), not the file. Safe for one thread at a time.
 */
public final class CarFile implements BlockSource, Closeable {

    /** The most bytes {@link #reads(int)} holds read ahead of its consumer. */
    public static final int READ_AHEAD_BYTES = 8 << 20;
    private static final int MAX_SPAN = 16;
    /** The most leaf placements waiting for a thread (each holds no data until it runs). */
    private static final int PENDING_PLACEMENTS = 64;
    /** The most leaves held in memory by placements: read and hashed, or waiting for the writer to write them. */
    private static final int PLACEMENT_BUFFERS = 8;
    /** The least capacity of a placement buffer (a leaf of ipfs-car's chunking fits). */
    private static final int PLACEMENT_BUFFER_BYTES = 1 << 20;
    /** Daemon threads, so that a consumer that forgets to close its reads never keeps the JVM alive. */
    private static final ThreadFactory HASH_THREADS = DaemonThreads.numbered("car-hash");
    private static final ThreadFactory WRITE_THREAD = DaemonThreads.named("car-write");

    private record Entry(int section, Cid cid, long sectionOffset, long dataOffset, int length) {
    }

    private final Path path;
    private final CarHeader header;
    private final Map<Cid, Entry> index;
    private final List<Entry> sections;
    private final FileChannel channel;
    private final boolean trusted;

    private CarFile(Path path, CarHeader header, Map<Cid, Entry> index, List<Entry> sections, FileChannel channel,
                    boolean trusted) {
        this.path = path;
        this.header = header;
        this.index = index;
        this.sections = sections;
        this.channel = channel;
        this.trusted = trusted;
    }

    public static CarFile open(Path path) throws IOException {
        return open(path, CarReader.DEFAULT_MAX_SECTION_BYTES);
    }

    /** @throws org.phasic.traces.domain.cid.CorruptContentException for a malformed CAR, naming the offset */
    public static CarFile open(Path path, int maxSectionBytes) throws IOException {
        return open(path, maxSectionBytes, false);
    }

    /**
     * Opens a CAR that this process wrote itself from blocks it had hashed against their CIDs, into a private
     * temporary file no one else writes (a download spilled to disk): its {@link #reads(int) reads} vouch for every
     * block ({@link Reads#hasVerified}) and place leaves without hashing them again, as a store trusts its own
     * staging files. Never for a file another process may have written. The scan still checks the framing.
     */
    public static CarFile openVerified(Path path) throws IOException {
        return open(path, CarReader.DEFAULT_MAX_SECTION_BYTES, true);
    }

    private static CarFile open(Path path, int maxSectionBytes, boolean trusted) throws IOException {
        Map<Cid, Entry> index = new LinkedHashMap<>();
        List<Entry> sections = new ArrayList<>();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            CarReader reader = new CarReader(new ScanInput(channel), maxSectionBytes);
            for (CarReader.Section s = reader.nextSection(false); s != null; s = reader.nextSection(false)) {
                Entry entry = new Entry(sections.size(), s.cid(), s.offset(), s.dataOffset(), s.dataLength());
                sections.add(entry);
                index.putIfAbsent(s.cid(), entry);
            }
            return new CarFile(path, reader.header(), Collections.unmodifiableMap(index), List.copyOf(sections), channel,
                    trusted);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The file from its start, for the scan: a skip only moves the position, and the first read after a skip asks
     * for {@value #AFTER_SKIP} bytes (the next section's length and CID) rather than a whole buffer of block data.
     */
    private static final class ScanInput extends InputStream {
        private static final int AFTER_SKIP = 4096;
        private final FileChannel channel;
        private final long size;
        private long position;
        private boolean skipped;

        ScanInput(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(into, offset, skipped ? Math.min(length, AFTER_SKIP) : length), position);
            if (n > 0) {
                position += n;
                skipped = false;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long skipping = Math.max(0, Math.min(n, size - position));
            position += skipping;
            skipped = true;
            return skipping;
        }
    }

    public Path path() {
        return path;
    }

    public CarHeader header() {
        return header;
    }

    /** The distinct block CIDs, in file order. */
    public Set<Cid> cids() {
        return index.keySet();
    }

    public int blockCount() {
        return index.size();
    }

    /** The number of sections, duplicates included. */
    public int sectionCount() {
        return sections.size();
    }

    @Override
    public Optional<byte[]> fetch(Cid cid) throws IOException {
        Entry entry = index.get(cid);
        return entry == null ? Optional.empty() : Optional.of(read(entry, new byte[entry.length()]));
    }

    private byte[] read(Entry entry, byte[] into) throws IOException {
        read(entry, ByteBuffer.wrap(into, 0, entry.length()));
        return into;
    }

    /** Fills {@code buffer} (its remaining bytes: the section's length) with {@code entry}'s data. */
    private void read(Entry entry, ByteBuffer buffer) throws IOException {
        long position = entry.dataOffset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException(path + " shrank while it was read (block " + entry.cid() + ")");
            }
            position += n;
        }
    }

    /**
     * A source over this file for one consumer that verifies every block it fetches before it fetches the next
     * (as {@link org.phasic.traces.domain.unixfs.Reassembler} does), so that {@link Reads#verifyRest()} can then
     * hash just the sections the consumer did not. A raw block (a leaf: consumed at once) is read into an array
     * that is reused for a later raw block of the same size (valid until the next fetch), which keeps memory flat
     * for large files. The same as {@code reads(0)}.
     */
    public Reads reads() {
        return reads(0);
    }

    /**
     * Like {@link #reads()}, with {@code hashThreads} threads that read and hash ahead of the consumer: after each
     * fetch, the sections that follow in file order are read and hashed in the background, so that the block the
     * consumer asks for next is usually verified already ({@link Reads#hasVerified}) and it hashes only the blocks
     * the guess missed. The window grows while the consumer keeps to file order (as a walk of a CAR written by
     * ipfs-car or {@code dag export} does) and starts small again when it jumps; it holds at most {@value
     * #READ_AHEAD_BYTES} bytes. Close the reads to stop the threads.
     *
     * @param hashThreads 0 for none: the consumer thread reads, the consumer hashes
     */
    public Reads reads(int hashThreads) {
        if (hashThreads < 0) {
            throw new IllegalArgumentException("hashThreads must be >= 0: " + hashThreads);
        }
        return new Reads(hashThreads);
    }

    /** A section being read and hashed ahead of the consumer; {@code matches} says whether it hashed to its CID. */
    private record Ahead(Entry entry, byte[] data, Future<Boolean> matches) {
    }

    /**
     * See {@link #reads()} and {@link #reads(int)}. Not thread-safe: one consumer thread. As a {@link LeafPlacement},
     * it copies raw leaves into files: a read-ahead thread reads each leaf into a direct buffer and hashes it, and
     * one writer thread writes those bytes at the given position (all on the consumer's thread if there are no
     * read-ahead threads). One writer, because writes into one file take the file's lock in the kernel: writers on
     * several threads only wait for each other (spinning on a core the hashing could use), and on a virtual machine
     * the copy into fresh page-cache pages is the costliest step. At most {@value #PENDING_PLACEMENTS} placements
     * wait and {@value #PLACEMENT_BUFFERS} leaves are held; once the consumer places leaves the guessing read-ahead
     * stops (the leaves it would guess are placed instead).
     */
    public final class Reads implements BlockSource, LeafPlacement, Closeable {
        private final BitSet verified = new BitSet(sections.size());
        private final ExecutorService hashing;
        private final int startSpan;
        private final Map<Integer, Ahead> ahead = new LinkedHashMap<>();
        private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
        private long aheadBytes;
        private int span;
        private Entry pending;
        private Entry lentEntry;
        private byte[] lent;
        private boolean lentVerified;
        private final Semaphore placements = new Semaphore(PENDING_PLACEMENTS);
        private final AtomicReference<Throwable> placementFailure = new AtomicReference<>();
        private final Semaphore heldBuffers = new Semaphore(PLACEMENT_BUFFERS);
        private final ConcurrentLinkedQueue<ByteBuffer> placementBuffers = new ConcurrentLinkedQueue<>();
        private ExecutorService writing;
        private boolean placing;

        private Reads(int hashThreads) {
            this.hashing = hashThreads == 0 ? null : Executors.newFixedThreadPool(hashThreads, HASH_THREADS);
            this.startSpan = Math.max(1, hashThreads);
            this.span = startSpan;
        }

        @Override
        public Optional<byte[]> fetch(Cid cid) throws IOException {
            accepted();
            giveBack();
            Entry entry = index.get(cid);
            if (entry == null) {
                return Optional.empty();
            }
            Ahead taken = take(entry);
            byte[] data = taken == null ? read(entry, borrow(entry)) : taken.data();
            boolean matched = taken != null ? result(taken) : trusted;
            if (matched) {
                verified.set(entry.section());
            } else {
                pending = entry;
            }
            lentEntry = entry;
            lent = data;
            lentVerified = matched;
            return Optional.of(data);
        }

        /**
         * Whether {@code data} is the array the latest fetch returned for {@code cid} and a read-ahead thread
         * hashed exactly those bytes to it (the consumer need not hash them again).
         */
        @Override
        public boolean hasVerified(Cid cid, byte[] data) {
            return lentVerified && data == lent && lentEntry.cid().equals(cid);
        }

        @Override
        public OptionalLong offsetOf(Cid cid) {
            return CarFile.this.offsetOf(cid);
        }

        /** The consumer finished without error: it verified every block it fetched. */
        public void accepted() {
            if (pending != null) {
                verified.set(pending.section());
                pending = null;
            }
        }

        /**
         * Hashes, in file order, every section the consumer has not verified (blocks outside the walked trees,
         * duplicate sections, and the last block fetched before a failure), on the read-ahead threads if there are
         * any.
         *
         * @return the number of sections in the file, all now verified
         * @throws CorruptContentException naming the byte offset of the first section that does not hash to its CID
         */
        public int verifyRest() throws IOException {
            pending = null;
            giveBack();
            span = MAX_SPAN;
            for (Entry entry : sections) {
                if (verified.get(entry.section())) {
                    continue;
                }
                Ahead taken = take(entry);
                byte[] data = taken == null ? read(entry, borrow(entry)) : taken.data();
                boolean matched = taken == null ? trusted || entry.cid().matches(data, 0, entry.length()) : result(taken);
                recycle(entry, data);
                if (!matched) {
                    throw new CorruptContentException("block hash mismatch at byte offset " + entry.sectionOffset()
                            + ": the section's " + entry.length() + " bytes do not hash to " + entry.cid(),
                            entry.sectionOffset());
                }
                verified.set(entry.section());
            }
            return sections.size();
        }

        @Override
        public OptionalLong blockLength(Cid cid) {
            Entry entry = index.get(cid);
            return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.length());
        }

        @Override
        public void place(Cid cid, FileChannel file, long position) throws IOException {
            Entry entry = index.get(cid);
            if (entry == null) {
                throw new IllegalArgumentException("no block " + cid + " in " + path);
            }
            throwPlacementFailure();
            placing = true;
            if (hashing == null || hashing.isShutdown()) {
                ByteBuffer buffer = readVerified(entry);
                try {
                    write(buffer, file, position);
                } finally {
                    returnBuffer(buffer);
                }
                return;
            }
            if (writing == null) {
                writing = Executors.newSingleThreadExecutor(WRITE_THREAD);
            }
            placements.acquireUninterruptibly();
            try {
                hashing.execute(() -> readThenHandOver(entry, file, position));
            } catch (RuntimeException e) {
                placements.release();
                throw e;
            }
        }

        /**
         * On a read-ahead thread: reads and hashes {@code entry}'s leaf, then hands the buffer to the writer thread,
         * which releases the placement once the bytes are written (or the first failure stopped the placements).
         */
        private void readThenHandOver(Entry entry, FileChannel file, long position) {
            ByteBuffer buffer = null;
            boolean handedOver = false;
            try {
                if (placementFailure.get() == null) {
                    buffer = readVerified(entry);
                    ByteBuffer verified = buffer;
                    writing.execute(() -> writeThenRelease(verified, file, position));
                    handedOver = true;
                }
            } catch (Throwable e) {
                placementFailure.compareAndSet(null, e);
            } finally {
                if (!handedOver) {
                    if (buffer != null) {
                        returnBuffer(buffer);
                    }
                    placements.release();
                }
            }
        }

        /** On the writer thread: writes a verified leaf unless a placement failed already; releases its placement. */
        private void writeThenRelease(ByteBuffer verified, FileChannel file, long position) {
            try {
                if (placementFailure.get() == null) {
                    write(verified, file, position);
                }
            } catch (Throwable e) {
                placementFailure.compareAndSet(null, e);
            } finally {
                returnBuffer(verified);
                placements.release();
            }
        }

        @Override
        public void awaitPlaced() throws IOException {
            placements.acquireUninterruptibly(PENDING_PLACEMENTS);
            placements.release(PENDING_PLACEMENTS);
            throwPlacementFailure();
        }

        /** Rethrows the first failure of a placement (an error too: a leaf it did not write must fail the file). */
        private void throwPlacementFailure() throws IOException {
            Throwable failure = placementFailure.get();
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        }

        /**
         * {@code entry}'s block read into a placement buffer (waiting while {@value #PLACEMENT_BUFFERS} are held) and
         * hashed against its CID; the caller gives the buffer back.
         */
        private ByteBuffer readVerified(Entry entry) throws IOException {
            heldBuffers.acquireUninterruptibly();
            ByteBuffer buffer = placementBuffers.poll();
            boolean verified = false;
            try {
                if (buffer == null || buffer.capacity() < entry.length()) {
                    buffer = ByteBuffer.allocateDirect(Math.max(entry.length(), PLACEMENT_BUFFER_BYTES));
                }
                buffer.clear().limit(entry.length());
                read(entry, buffer);
                buffer.flip();
                if (!trusted && !matches(entry.cid(), buffer)) {
                    throw new CorruptContentException("block hash mismatch: the " + entry.length() + " bytes received for "
                            + entry.cid() + " (section at byte offset " + entry.sectionOffset() + ") do not hash to it",
                            entry.sectionOffset());
                }
                verified = true;
                return buffer;
            } finally {
                if (!verified) {
                    returnBuffer(buffer);
                }
            }
        }

        private void returnBuffer(ByteBuffer buffer) {
            if (buffer != null) {
                placementBuffers.offer(buffer);
            }
            heldBuffers.release();
        }

        /** Stops the read-ahead threads (waiting for the blocks they are reading); the reads stay usable without. */
        @Override
        public void close() {
            placements.acquireUninterruptibly(PENDING_PLACEMENTS);
            placements.release(PENDING_PLACEMENTS);
            for (Ahead dropped : ahead.values()) {
                drop(dropped);
            }
            ahead.clear();
            aheadBytes = 0;
            if (hashing != null) {
                hashing.shutdown();
            }
            if (writing != null) {
                writing.shutdown();
            }
        }

        /**
         * {@code entry}'s section as read and hashed by a read-ahead thread (started now if it was not read ahead:
         * the consumer jumped), with the sections after it set going; null without read-ahead threads.
         */
        private Ahead take(Entry entry) {
            Ahead taken = ahead.remove(entry.section());
            if (taken != null) {
                aheadBytes -= entry.length();
                span = Math.min(span * 2, MAX_SPAN);
            } else if (hashing != null && !hashing.isShutdown()) {
                span = startSpan;
                taken = start(entry);
            }
            readAhead(entry.section() + 1);
            return taken;
        }

        /**
         * Makes sure the next {@code span} unverified sections from {@code from} are being read ahead, as far as the
         * byte budget allows, dropping (oldest first) sections read ahead that are no longer among them.
         */
        private void readAhead(int from) {
            if (hashing == null || hashing.isShutdown() || placing) {
                return;
            }
            int last = from - 1;
            int count = 0;
            for (int i = from; i < sections.size() && count < span; i++) {
                if (!verified.get(i)) {
                    last = i;
                    count++;
                }
            }
            for (int i = from; i <= last; i++) {
                if (verified.get(i) || ahead.containsKey(i)) {
                    continue;
                }
                Entry entry = sections.get(i);
                if (!makeRoom(entry.length(), from, last)) {
                    return;
                }
                ahead.put(i, start(entry));
                aheadBytes += entry.length();
            }
        }

        private Ahead start(Entry entry) {
            byte[] data = borrow(entry);
            return new Ahead(entry, data, hashing.submit(() -> {
                read(entry, data);
                return trusted || entry.cid().matches(data, 0, entry.length());
            }));
        }

        private boolean makeRoom(int length, int from, int last) {
            Iterator<Ahead> oldest = ahead.values().iterator();
            while (aheadBytes + length > READ_AHEAD_BYTES && oldest.hasNext()) {
                Ahead candidate = oldest.next();
                int section = candidate.entry().section();
                if (section < from || section > last) {
                    oldest.remove();
                    drop(candidate);
                }
            }
            return aheadBytes + length <= READ_AHEAD_BYTES || ahead.isEmpty();
        }

        /** Forgets a section read ahead; if it was hashed already, what it found still counts for verifyRest. */
        private void drop(Ahead dropped) {
            aheadBytes -= dropped.entry().length();
            if (!dropped.matches().cancel(false)) {
                try {
                    if (result(dropped)) {
                        verified.set(dropped.entry().section());
                    }
                } catch (IOException | RuntimeException e) {
                    // not needed now; read again (and the error met again) if it is fetched
                }
            }
            recycle(dropped.entry(), dropped.data());
        }

        /** Waits for a read-ahead result. */
        private boolean result(Ahead ahead) throws IOException {
            return Futures.await(ahead.matches());
        }

        /** An array for {@code entry}'s data: a fresh one for a node (the consumer may keep it), a spare for a leaf. */
        private byte[] borrow(Entry entry) {
            if (entry.cid().codec() == Multicodec.RAW) {
                byte[] reused = spare.poll();
                if (reused != null && reused.length == entry.length()) {
                    return reused;
                }
                spare.clear();
            }
            return new byte[entry.length()];
        }

        private void recycle(Entry entry, byte[] data) {
            if (entry.cid().codec() == Multicodec.RAW && spare.size() <= MAX_SPAN
                    && (spare.isEmpty() || spare.peek().length == data.length)) {
                spare.push(data);
            }
        }

        /** The raw block lent by the latest fetch is free again. */
        private void giveBack() {
            if (lent != null) {
                recycle(lentEntry, lent);
                lent = null;
                lentEntry = null;
                lentVerified = false;
            }
        }
    }

    /** Writes the bytes remaining in {@code buffer} to {@code file} at {@code position}. */
    private static void write(ByteBuffer buffer, FileChannel file, long position) throws IOException {
        for (long at = position; buffer.hasRemaining(); ) {
            at += file.write(buffer, at);
        }
    }

    /** Whether the bytes remaining in {@code data} hash to {@code cid} (SHA-256 straight from the buffer). */
    private static boolean matches(Cid cid, ByteBuffer data) {
        if (cid.multihash().function() == HashFunction.SHA2_256) {
            return MessageDigest.isEqual(Sha256.digest(data), cid.multihash().digest());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return cid.matches(copy);
    }

    @Override
    public OptionalLong offsetOf(Cid cid) {
        Entry entry = index.get(cid);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.sectionOffset());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
