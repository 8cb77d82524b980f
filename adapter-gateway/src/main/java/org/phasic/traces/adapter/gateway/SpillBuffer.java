package org.phasic.traces.adapter.gateway;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bytes kept in memory up to a threshold, then in a temporary file (deleted by {@link #close()}), so a large
 * download does not grow the heap. Write everything, then {@link #finish()}, then read with
 * {@link #openStream()}.
 */
final class SpillBuffer extends OutputStream {
    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    SpillBuffer(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && memory.size() + (long) length > memoryLimit) {
            file = Files.createTempFile("phasic-traces-gateway-", ".car");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            memory.write(bytes, offset, length);
        }
        size += length;
    }

    /** Ends writing. */
    void finish() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    long size() {
        return size;
    }

    /** The temporary file, when the bytes outgrew memory. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The bytes written, from the start. */
    InputStream openStream() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory.toByteArray());
    }

    /** Deletes the temporary file, if any. */
    @Override
    public void close() throws IOException {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
