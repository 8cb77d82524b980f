package org.phasic.traces.adapter.cloud;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.phasic.traces.ports.out.BlobStreams;

/**
 * Upload content read once from the caller's stream and kept in memory (up to a limit) or in a
 * temporary file, so its SHA-256 is known before the upload starts (it travels as object
 * metadata) and every request of the upload can be retried from the start.
 */
final class StagedContent implements AutoCloseable {

    private final long length;
    private final String sha256;
    private final long crc32c;
    private final byte[] bytes;
    private final Path file;

    private StagedContent(long length, String sha256, long crc32c, byte[] bytes, Path file) {
        this.length = length;
        this.sha256 = sha256;
        this.crc32c = crc32c;
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Reads exactly {@code length} bytes of {@code in}, in memory when {@code length <= memoryLimit}.
     *
     * @throws org.phasic.traces.ports.out.BlobStoreException if the stream is shorter or longer
     */
    static StagedContent stage(InputStream in, long length, String key, long memoryLimit) throws IOException {
        CRC32C crc = new CRC32C();
        if (length <= memoryLimit) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) length);
            String sha256 = BlobStreams.copyExactly(in, new CheckedOutputStream(buffer, crc), length, key);
            return new StagedContent(length, sha256, crc.getValue(), buffer.toByteArray(), null);
        }
        Path file = Files.createTempFile("phasic-blob-", ".part");
        try (OutputStream out = new CheckedOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), crc)) {
            String sha256 = BlobStreams.copyExactly(in, out, length, key);
            out.flush();
            return new StagedContent(length, sha256, crc.getValue(), null, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    long length() {
        return length;
    }

    String sha256() {
        return sha256;
    }

    /** @return the CRC32C as GCS expects it: base64 of the 4 big-endian bytes */
    String crc32cBase64() {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32c).array());
    }

    boolean inMemory() {
        return bytes != null;
    }

    /** @return the whole content; only for in-memory content */
    byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("content of " + length + " bytes is staged in a file");
        }
        return bytes;
    }

    /** @return a fresh stream over the whole content */
    InputStream open() throws IOException {
        return inMemory() ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** @return {@code count} bytes starting at {@code offset} */
    byte[] slice(long offset, int count) throws IOException {
        byte[] part = new byte[count];
        if (inMemory()) {
            System.arraycopy(bytes, (int) offset, part, 0, count);
            return part;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(offset);
            raf.readFully(part);
        }
        return part;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
