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
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A new file's output that writes the bulk of a large file on a thread of its own, past the page cache where the file
 * system allows. The first {@code throughBytes} are written through on the caller's thread as they come (a small file
 * never starts a thread). After them, each write is copied into one of a few direct buffers before it returns (the
 * copy the channel makes of a heap array anyway), and a writer thread writes the full buffers in order while the
 * caller goes on (reading, hashing). Buffers cover whole, aligned stretches of the file; the writer writes those with
 * direct I/O ({@code O_DIRECT}) when the file system accepts it, which spares the CPU the copy into the page cache, and
 * the stretch before the first of them, the last one and every stretch after a refused direct write through the page
 * cache. A buffer is the caller's while it fills and the writer's from its hand-off until it is written; the caller
 * waits for a free one while all are in flight. A failed write is thrown by the next write or by {@link #close()},
 * which writes what is left, waits for the writer and closes the file. Not thread-safe: one caller.
 */
final class WriteBehindOutput extends OutputStream {
    /** Bytes written through before the writer thread takes over. */
    static final long THROUGH_BYTES = 8 << 20;
    static final int BUFFER_BYTES = 1 << 20;
    static final int BUFFERS = 4;

    /** A stretch of the file: its bytes between the buffer's position and limit, from {@code position} of the file. */
    private record Chunk(ByteBuffer buffer, long position) {
    }

    private static final Chunk END = new Chunk(ByteBuffer.allocate(0), -1);

    private final Path path;
    private final FileChannel channel;
    private final long throughBytes;
    private final int bufferBytes;
    private final int buffers;
    private final boolean directIo;
    private long written;
    private BlockingQueue<ByteBuffer> free;
    private BlockingQueue<Chunk> full;
    private ByteBuffer current;
    private long currentPosition;
    private Thread writer;
    /** The writer's: the file opened for direct I/O, and its alignment; null when not (or no longer) used. */
    private FileChannel direct;
    private int alignment;
    private volatile IOException failure;
    private boolean closed;

    /** Creates {@code path} (which must not exist). */
    WriteBehindOutput(Path path) throws IOException {
        this(path, THROUGH_BYTES, BUFFER_BYTES, BUFFERS, true);
    }

    /** @param directIo whether to try direct I/O for the aligned stretches */
    WriteBehindOutput(Path path, long throughBytes, int bufferBytes, int buffers, boolean directIo) throws IOException {
        this.path = Objects.requireNonNull(path, "path");
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
        if (writer == null && written + length <= throughBytes) {
            ByteBuffer through = ByteBuffer.wrap(bytes, offset, length);
            while (through.hasRemaining()) {
                channel.write(through);
            }
            written += length;
            return;
        }
        if (writer == null) {
            startWriter();
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

    private void startWriter() throws IOException {
        if (directIo) {
            openDirect();
        }
        free = new ArrayBlockingQueue<>(buffers);
        full = new LinkedBlockingQueue<>();
        for (int i = 0; i < buffers; i++) {
            free.add(direct == null ? ByteBuffer.allocateDirect(bufferBytes)
                    : ByteBuffer.allocateDirect(bufferBytes + alignment).alignedSlice(alignment));
        }
        writer = new Thread(this::drain, "phasic-traces staging writer");
        writer.setDaemon(true);
        writer.start();
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
        full.add(new Chunk(buffer, currentPosition));
    }

    /** The writer thread: writes the chunks in order and frees their buffers, until {@link #END}; after a failure, skips. */
    private void drain() {
        try {
            for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
                if (failure == null) {
                    try {
                        write(chunk);
                    } catch (IOException | RuntimeException e) {
                        failure = e instanceof IOException io ? io : new IOException(e);
                    }
                }
                chunk.buffer().clear();
                free.add(chunk.buffer());
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the staging writer was interrupted");
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
        writeFully(channel, chunk.buffer(), chunk.position());
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

    /** A free buffer, once the writer has written one (a failed writer frees them unwritten). */
    private ByteBuffer takeFree() throws IOException {
        try {
            for (;;) {
                throwFailure();
                ByteBuffer buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (!writer.isAlive()) {
                    throw new IOException("the staging writer stopped");
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

    /** Writes what is left, waits for the writer thread to finish, closes the file (even when a write failed). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel closing = channel) {
            if (writer != null) {
                if (current != null && current.position() > 0) {
                    handOff();
                }
                full.add(END);
                joinWriter();
                if (direct != null) {
                    direct.close();
                }
                throwFailure();
            }
        }
    }

    private void joinWriter() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
