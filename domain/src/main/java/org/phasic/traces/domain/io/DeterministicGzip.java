package org.phasic.traces.domain.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * Gzip that gives the same bytes for the same input on every machine and JDK: header with mtime 0,
 * no file name, no extra fields, OS byte 255 ("unknown"), and a DEFLATE stream produced by a pure
 * Java encoder ({@link FixedHuffmanDeflater}) rather than the platform's zlib, whose output differs
 * between zlib builds (zlib, zlib-ng, ...). Any gzip reader decompresses it.
 *
 * <p>Also reads plain or gzip'd input with a cap on the decompressed size, so a gzip bomb is refused.
 */
public final class DeterministicGzip {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final byte[] HEADER = {
        (byte) GZIP_MAGIC_0, (byte) GZIP_MAGIC_1,
        8,          // CM = deflate
        0,          // FLG: no name, no comment, no extra, no header CRC
        0, 0, 0, 0, // MTIME = 0
        0,          // XFL
        (byte) 255  // OS = unknown
    };

    private DeterministicGzip() {
    }

    /** Compresses {@code data} into a complete gzip member; the result depends on {@code data} only. */
    public static byte[] compress(byte[] data) {
        byte[] deflated = FixedHuffmanDeflater.deflate(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] out = new byte[HEADER.length + deflated.length + 8];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        System.arraycopy(deflated, 0, out, HEADER.length, deflated.length);
        int p = HEADER.length + deflated.length;
        writeIntLE(out, p, (int) crc.getValue());
        writeIntLE(out, p + 4, data.length);
        return out;
    }

    /** True when {@code bytes} start with the gzip magic number. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_0 && (bytes[1] & 0xff) == GZIP_MAGIC_1;
    }

    /**
     * Opens {@code in} for reading its content: gzip'd input (detected by its magic bytes) is
     * decompressed, anything else is passed through. Reading more than {@code maxBytes} of content
     * fails with {@link SizeLimitExceededException}.
     *
     * @param what what the content is, for error messages
     */
    public static InputStream openContent(InputStream in, long maxBytes, String what) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream content = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1 ? new GZIPInputStream(buffered) : buffered;
        return new SizeLimitedInputStream(content, maxBytes, what);
    }

    private static void writeIntLE(byte[] out, int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >>> 8);
        out[at + 2] = (byte) (v >>> 16);
        out[at + 3] = (byte) (v >>> 24);
    }
}
