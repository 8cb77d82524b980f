package org.phasic.traces.domain.cid;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Unsigned LEB128 varints as the multiformats specification defines them: at most 9 bytes (63 bits),
 * minimally encoded. Malformed input raises {@link IllegalArgumentException} with a reason; callers add
 * context (which CID, which byte offset).
 */
public final class Varint {

    /** The longest varint multiformats allows. */
    public static final int MAX_BYTES = 9;

    private Varint() {
    }

    /** The number of bytes {@code value} takes. */
    public static int size(long value) {
        requireUnsigned(value);
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} at {@code offset} and returns the offset after it. */
    public static int write(long value, byte[] target, int offset) {
        requireUnsigned(value);
        int at = offset;
        while ((value & ~0x7FL) != 0) {
            target[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        target[at++] = (byte) value;
        return at;
    }

    public static void write(long value, OutputStream out) throws IOException {
        byte[] buffer = new byte[MAX_BYTES];
        out.write(buffer, 0, write(value, buffer, 0));
    }

    /**
     * Decodes the varint starting at {@code offset}; {@code limit} is the index after the last byte that
     * may be read. Its length is {@link #size(long)} of the result, because encodings are minimal.
     *
     * @throws IllegalArgumentException if the varint is truncated, longer than 9 bytes or not minimal
     */
    public static long decode(byte[] data, int offset, int limit) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= limit) {
                throw new IllegalArgumentException("truncated varint");
            }
            int b = data[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return checkMinimal(value, b, i);
            }
        }
        throw new IllegalArgumentException("varint overflow: longer than " + MAX_BYTES + " bytes");
    }

    /**
     * Reads one varint from a stream.
     *
     * @return the value, or -1 if the stream ended before its first byte
     * @throws EOFException if the stream ends inside the varint
     * @throws IllegalArgumentException if the varint is longer than 9 bytes or not minimal
     */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw new EOFException("truncated varint");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return checkMinimal(value, b, i);
            }
        }
        throw new IllegalArgumentException("varint overflow: longer than " + MAX_BYTES + " bytes");
    }

    private static long checkMinimal(long value, int lastByte, int index) {
        if (lastByte == 0 && index > 0) {
            throw new IllegalArgumentException("varint not minimally encoded");
        }
        return value;
    }

    private static void requireUnsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must not be negative: " + value);
        }
    }
}
