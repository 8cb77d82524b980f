package org.phasic.traces.domain.car;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.cid.Varint;
import org.phasic.traces.domain.dag.Block;

/**
 * Reads a CARv1 stream section by section, verifying every block against its CID as it goes. Memory is one
 * block. Every format problem is a {@link CorruptContentException} that names the byte offset: bad or
 * truncated header, unsupported version, varint overflow, empty, oversized or truncated section, invalid
 * CID, block hash mismatch. Not thread-safe.
 */
public final class CarReader implements Closeable {

    /** Largest section accepted by default: a 2 MiB block (the IPFS maximum) with room to spare. */
    public static final int DEFAULT_MAX_SECTION_BYTES = 4 << 20;
    /** Largest header accepted. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int CID_PREFIX_BYTES = 256;
    /** Blocks at least this large are hashed on other threads by {@link #verifiedAhead}. */
    public static final int PARALLEL_HASH_BYTES = 128 << 10;

    private final InputStream in;
    private final int maxSectionBytes;
    private final CarHeader header;
    private long offset;

    /** Reads and checks the header; blocks follow with {@link #next()}. */
    public CarReader(InputStream in) throws IOException {
        this(in, DEFAULT_MAX_SECTION_BYTES);
    }

    public CarReader(InputStream in, int maxSectionBytes) throws IOException {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.maxSectionBytes = maxSectionBytes;
        this.header = readHeader();
    }

    public CarHeader header() {
        return header;
    }

    public List<Cid> roots() {
        return header.roots();
    }

    /** Bytes consumed so far. */
    public long offset() {
        return offset;
    }

    /**
     * The next block, verified against its CID.
     *
     * @return the block, or null at the end of the CAR
     * @throws CorruptContentException for a malformed section or a block that does not match its CID
     */
    public Block next() throws IOException {
        Section section = nextSection(true);
        return section == null ? null : verify(section);
    }

    private static Block verify(Section section) {
        try {
            return Block.verified(section.cid(), section.data());
        } catch (CorruptContentException e) {
            throw new CorruptContentException("block hash mismatch at byte offset " + section.offset()
                    + ": the section's " + section.dataLength() + " bytes do not hash to " + section.cid(),
                    section.offset());
        }
    }

    /**
     * The remaining blocks, pulled one at a time in stream order, each verified against its CID: blocks of at least
     * {@value #PARALLEL_HASH_BYTES} bytes are hashed on {@code hashing}'s threads (on the caller's when it refuses
     * them), smaller ones on the caller's; while the caller waits for a block, the sections after it are read on,
     * with at most {@code aheadBytes} of blocks read but not yet handed out.
     */
    public VerifiedBlocks verifiedAhead(Executor hashing, long aheadBytes) {
        return new VerifiedBlocks(Objects.requireNonNull(hashing, "hashing"), aheadBytes);
    }

    /**
     * Blocks of this CAR in stream order, verified, hashed ahead of the caller (see {@link #verifiedAhead}). The
     * problem reported is the first in the stream: a block that does not hash is thrown when it is its turn, a
     * malformed section (or a failing stream) once every block before it was handed out. Not thread-safe;
     * {@link #close()} abandons the hashing still pending (it does not close the reader).
     */
    public final class VerifiedBlocks implements Closeable {
        private final Executor hashing;
        private final long aheadBytes;
        private final ArrayDeque<Hashing> pending = new ArrayDeque<>();
        private long pendingBytes;
        private Exception readFailure;
        private boolean ended;

        private VerifiedBlocks(Executor hashing, long aheadBytes) {
            this.hashing = hashing;
            this.aheadBytes = aheadBytes;
        }

        /**
         * @return the next block, verified, or null at the end of the CAR
         * @throws CorruptContentException for a block that does not match its CID or a malformed section
         * @throws IOException             when the stream fails
         */
        public Block next() throws IOException {
            while (!ended && readFailure == null
                    && (pending.isEmpty() || (pendingBytes < aheadBytes && !pending.peek().task().isDone()))) {
                readOne();
            }
            Hashing head = pending.poll();
            if (head != null) {
                pendingBytes -= head.length();
                return Futures.await(head.task());
            }
            if (readFailure instanceof IOException io) {
                throw io;
            }
            if (readFailure != null) {
                throw (RuntimeException) readFailure;
            }
            return null;
        }

        private void readOne() {
            Section section;
            try {
                section = nextSection(true);
            } catch (IOException | RuntimeException e) {
                readFailure = e;
                return;
            }
            if (section == null) {
                ended = true;
                return;
            }
            FutureTask<Block> task = new FutureTask<>(() -> verify(section));
            if (section.dataLength() >= PARALLEL_HASH_BYTES) {
                try {
                    hashing.execute(task);
                } catch (RejectedExecutionException e) {
                    task.run();
                }
            } else {
                task.run();
            }
            pending.add(new Hashing(task, section.dataLength()));
            pendingBytes += section.dataLength();
        }

        @Override
        public void close() {
            pending.forEach(left -> left.task().cancel(false));
            pending.clear();
            pendingBytes = 0;
        }
    }

    /** A block being hashed, and its length. */
    private record Hashing(FutureTask<Block> task, int length) {
    }

    /** One section as read, not verified. */
    record Section(long offset, Cid cid, long dataOffset, int dataLength, byte[] data) {
    }

    /**
     * Reads the next section without verifying it.
     *
     * @param keepData whether to read the block bytes (else they are skipped and {@code data} is null)
     * @return the section, or null at the end of the CAR
     */
    Section nextSection(boolean keepData) throws IOException {
        long start = offset;
        long length = readVarint("section length", start);
        if (length < 0) {
            return null;
        }
        if (length == 0) {
            throw new CorruptContentException("empty section at byte offset " + start, start);
        }
        if (length > maxSectionBytes) {
            throw new CorruptContentException("section of " + length + " bytes at byte offset " + start
                    + " exceeds the limit of " + maxSectionBytes + " bytes", start);
        }
        int sectionLength = (int) length;
        long bodyStart = offset;
        byte[] prefix = new byte[Math.min(sectionLength, CID_PREFIX_BYTES)];
        readFully(prefix, 0, prefix.length, start, sectionLength, 0);
        Cid cid;
        try {
            cid = Cid.readFrom(prefix, 0, prefix.length);
        } catch (InvalidCidException e) {
            throw new CorruptContentException("bad CID in section at byte offset " + start + ": " + e.getMessage(),
                    start, e);
        }
        int dataLength = sectionLength - cid.byteLength();
        int inPrefix = prefix.length - cid.byteLength();
        byte[] data = null;
        if (keepData) {
            data = new byte[dataLength];
            System.arraycopy(prefix, cid.byteLength(), data, 0, inPrefix);
            readFully(data, inPrefix, dataLength - inPrefix, start, sectionLength, prefix.length);
        } else {
            skipFully(dataLength - inPrefix, start, sectionLength, prefix.length);
        }
        return new Section(start, cid, bodyStart + cid.byteLength(), dataLength, data);
    }

    private CarHeader readHeader() throws IOException {
        long length = readVarint("header length", 0);
        if (length < 0) {
            throw new CorruptContentException("bad CAR header at byte offset 0: the stream is empty", 0);
        }
        if (length == 0 || length > MAX_HEADER_BYTES) {
            throw new CorruptContentException("bad CAR header at byte offset 0: length " + length
                    + " is not within 1.." + MAX_HEADER_BYTES, 0);
        }
        long start = offset;
        byte[] bytes = new byte[(int) length];
        int read = in.readNBytes(bytes, 0, bytes.length);
        offset += read;
        if (read < bytes.length) {
            throw new CorruptContentException("truncated CAR header at byte offset " + start + ": expected "
                    + length + " bytes, got " + read, start);
        }
        return CarHeader.decode(bytes, start);
    }

    /** Reads a varint, or returns -1 at a clean end of stream. */
    private long readVarint(String what, long at) throws IOException {
        long value;
        try {
            value = Varint.read(in);
        } catch (EOFException e) {
            throw new CorruptContentException("truncated " + what + " varint at byte offset " + at, at);
        } catch (IllegalArgumentException e) {
            throw new CorruptContentException("bad " + what + " at byte offset " + at + ": " + e.getMessage(), at);
        }
        if (value >= 0) {
            offset += Varint.size(value);
        }
        return value;
    }

    private void readFully(byte[] target, int from, int length, long sectionStart, int sectionLength,
            int alreadyRead) throws IOException {
        int read = in.readNBytes(target, from, length);
        offset += read;
        if (read < length) {
            throw truncated(sectionStart, sectionLength, alreadyRead + read);
        }
    }

    private void skipFully(int length, long sectionStart, int sectionLength, int alreadyRead) throws IOException {
        long skipped = 0;
        while (skipped < length) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    break;
                }
                n = 1;
            }
            skipped += n;
        }
        offset += skipped;
        if (skipped < length) {
            throw truncated(sectionStart, sectionLength, alreadyRead + (int) skipped);
        }
    }

    private static CorruptContentException truncated(long sectionStart, int sectionLength, int got) {
        return new CorruptContentException("truncated section at byte offset " + sectionStart + ": expected "
                + sectionLength + " bytes, got " + got, sectionStart);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
