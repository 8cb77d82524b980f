package org.phasic.traces.app.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A new file's output that also feeds every byte written to a digest, and writes and hashes the bulk of a large file
 * on two threads of its own, the writes past the page cache where the file system allows. The first {@code
 * throughBytes} are hashed and written through on the caller's thread as they come (a small file never starts a
 * thread). After them, each write is copied into one of a few direct buffers before it returns (the copy the channel
 * makes of a heap array anyway); a hasher thread feeds the full buffers to the digest in order and a writer thread
 * writes them in order, while the caller goes on (reading the next bytes). Buffers cover whole, aligned stretches of
 * the file; the writer writes those with direct I/O ({@code O_DIRECT}) when the file system accepts it, which spares
 * the CPU the copy into the page cache, and the stretch before the first of them, the last one and every stretch after
 * a refused direct write through the page cache. A buffer is the caller's while it fills; from its hand-off the hasher
 * and the writer only read it, and it is free again once both are done with it; the caller waits for a free one while
 * all are in flight. So the digest covers exactly the bytes of the file, in order. A failure is thrown by the next
 * write or by {@link #close()}, which writes and hashes what is left, waits for both threads and closes the file; the
 * digest is complete once {@code close()} returned without failing. When the direct buffers cannot be allocated (direct
 * memory exhausted), the whole file is written through on the caller's thread. Not thread-safe: one caller.
 */
final class WriteBehindOutput extends OutputStream {
    /** Bytes written through before the writer thread takes over. */
    static final long THROUGH_BYTES = 8 << 20;
    static final int BUFFER_BYTES = 1 << 20;
    static final int BUFFERS = 4;

    /**
     * A stretch of the file: its bytes between the buffer's position and limit, from {@code position} of the file; the
     * buffer is freed when both the hasher and the writer are done with it.
     */
    private record Chunk(ByteBuffer buffer, long position, AtomicInteger users) {
        Chunk(ByteBuffer buffer, long position) {
            this(buffer, position, new AtomicInteger(2));
        }
    }

    private static final Chunk END = new Chunk(ByteBuffer.allocate(0), -1);

    private final Path path;
    private final MessageDigest digest;
    private final FileChannel channel;
    private final long throughBytes;
    private final int bufferBytes;
    private final int buffers;
    private final boolean directIo;
    private final IntFunction<ByteBuffer> allocateDirect;
    /** Set when the direct buffers could not be allocated: everything is written through on the caller's thread. */
    private boolean throughOnly;
    private long written;
    private BlockingQueue<ByteBuffer> free;
    private BlockingQueue<Chunk> toWrite;
    private BlockingQueue<Chunk> toHash;
    private ByteBuffer current;
    private long currentPosition;
    private Thread writer;
    private Thread hasher;
    /** The writer's: the file opened for direct I/O, and its alignment; null when not (or no longer) used. */
    private FileChannel direct;
    private int alignment;
    private volatile IOException failure;
    private boolean closed;

    /** Creates {@code path} (which must not exist); every byte written is fed to {@code digest}. */
    WriteBehindOutput(Path path, MessageDigest digest) throws IOException {
        this(path, digest, THROUGH_BYTES, BUFFER_BYTES, BUFFERS, true);
    }

    /** @param directIo whether to try direct I/O for the aligned stretches */
    WriteBehindOutput(Path path, MessageDigest digest, long throughBytes, int bufferBytes, int buffers, boolean directIo)
            throws IOException {
        this(path, digest, throughBytes, bufferBytes, buffers, directIo, ByteBuffer::allocateDirect);
    }

    /**
     * @param allocateDirect allocates a direct buffer of the given size; when it runs out of memory, the whole file is
     *                       written through on the caller's thread instead
     */
    WriteBehindOutput(Path path, MessageDigest digest, long throughBytes, int bufferBytes, int buffers, boolean directIo,
                      IntFunction<ByteBuffer> allocateDirect) throws IOException {
        this.allocateDirect = Objects.requireNonNull(allocateDirect, "allocateDirect");
        this.path = Objects.requireNonNull(path, "path");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.throughBytes = throughBytes;
        this.bufferBytes = bufferBytes;
        this.buffers = buffers;
        this.directIo = directIo;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (toWrite == null && (throughOnly || written + length <= throughBytes)) {
            digest.update(bytes, offset, length);
            ByteBuffer through = ByteBuffer.wrap(bytes, offset, length);
            while (through.hasRemaining()) {
                channel.write(through);
            }
            written += length;
            return;
        }
        if (toWrite == null && !startWriter()) {
            throughOnly = true;
            write(bytes, offset, length);
            return;
        }
        while (length > 0) {
            if (current == null) {
                current = takeFree();
                currentPosition = written;
                current.limit(bufferBytes - (int) (written % bufferBytes));
            }
            int part = Math.min(length, current.remaining());
            current.put(bytes, offset, part);
            offset += part;
            length -= part;
            written += part;
            if (!current.hasRemaining()) {
                handOff();
                throwFailure();
            }
        }
    }

    /** Bytes accepted so far. */
    long written() {
        return written;
    }

    /** Whether the writer writes (or wrote, until the end) aligned stretches with direct I/O. */
    boolean usesDirectIo() {
        return direct != null;
    }

    /** Starts the two threads with their buffers; false (nothing started) when the buffers cannot be allocated. */
    private boolean startWriter() throws IOException {
        if (directIo) {
            openDirect();
        }
        BlockingQueue<ByteBuffer> buffered = new ArrayBlockingQueue<>(buffers);
        try {
            for (int i = 0; i < buffers; i++) {
                buffered.add(direct == null ? allocateDirect.apply(bufferBytes)
                        : allocateDirect.apply(bufferBytes + alignment).alignedSlice(alignment));
            }
        } catch (OutOfMemoryError noDirectMemory) {
            if (direct != null) {
                closeDirect();
            }
            return false;
        }
        free = buffered;
        toWrite = new LinkedBlockingQueue<>();
        toHash = new LinkedBlockingQueue<>();
        writer = start(() -> drain(toWrite, this::write), "phasic-traces staging writer");
        hasher = start(() -> drain(toHash, chunk -> digest.update(chunk.buffer().duplicate())), "phasic-traces staging hasher");
        return true;
    }

    private static Thread start(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Opens the file for direct I/O when its file system takes it with an alignment that divides the buffers. */
    private void openDirect() {
        try {
            long blockSize = Files.getFileStore(path).getBlockSize();
            if (blockSize <= 0 || blockSize > bufferBytes || Long.bitCount(blockSize) != 1 || bufferBytes % blockSize != 0) {
                return;
            }
            direct = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            alignment = (int) blockSize;
        } catch (IOException | UnsupportedOperationException e) {
            direct = null;
        }
    }

    private void handOff() {
        ByteBuffer buffer = current;
        current = null;
        buffer.flip();
        Chunk chunk = new Chunk(buffer, currentPosition);
        toHash.add(chunk);
        toWrite.add(chunk);
    }

    /** What the hasher or the writer does with a chunk (reading its buffer only). */
    private interface ChunkWork {
        void run(Chunk chunk) throws IOException;
    }

    /**
     * The hasher's or the writer's thread: works through the chunks in order, freeing each buffer the other thread is
     * done with too, until {@link #END}; after a failure (of either), skips the work.
     */
    private void drain(BlockingQueue<Chunk> chunks, ChunkWork work) {
        try {
            for (Chunk chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                if (failure == null) {
                    try {
                        work.run(chunk);
                    } catch (IOException | RuntimeException e) {
                        failure = e instanceof IOException io ? io : new IOException(e);
                    }
                }
                if (chunk.users().decrementAndGet() == 0) {
                    chunk.buffer().clear();
                    free.add(chunk.buffer());
                }
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("a staging thread was interrupted");
        }
    }

    private void write(Chunk chunk) throws IOException {
        if (direct != null && chunk.position() % alignment == 0 && chunk.buffer().remaining() % alignment == 0) {
            try {
                writeFully(direct, chunk.buffer().duplicate(), chunk.position());
                return;
            } catch (IOException refused) {
                closeDirect();
            }
        }
        writeFully(channel, chunk.buffer().duplicate(), chunk.position());
    }

    private static void writeFully(FileChannel to, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += to.write(buffer, at);
        }
    }

    private void closeDirect() {
        try {
            direct.close();
        } catch (IOException ignored) {
            // it wrote nothing more, and the other channel writes the rest
        }
        direct = null;
    }

    /** A free buffer, once one was written and hashed (after a failure, the threads free them untouched). */
    private ByteBuffer takeFree() throws IOException {
        try {
            for (;;) {
                throwFailure();
                ByteBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (!alive(writer) || !alive(hasher)) {
                    throw new IOException("a staging thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the staging writer");
        }
    }

    private void throwFailure() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("cannot write " + path + ": " + failed.getMessage(), failed);
        }
    }

    /** Writes and hashes what is left, waits for both threads to finish, closes the file (even after a failure). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel closing = channel) {
            if (toWrite != null) {
                if (current != null && current.position() > 0) {
                    handOff();
                }
                toHash.add(END);
                toWrite.add(END);
                join(hasher);
                join(writer);
                throwFailure();
            }
        } finally {
            if (direct != null) {
                direct.close();
            }
        }
    }

    private static boolean alive(Thread thread) {
        return thread != null && thread.isAlive();
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (alive(thread)) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
