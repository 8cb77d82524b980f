package org.phasic.traces.domain.car;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;

/**
 * The CARv1 header, DAG-CBOR {@code {roots: [CID...], version: 1}}. Encoding is canonical DAG-CBOR;
 * decoding reads only this shape, strictly: minimal integer heads, definite lengths, exactly the keys
 * {@code roots} and {@code version} in canonical order, CIDs as tag 42 byte strings with the 0x00 prefix.
 *
 * @param version always 1 for a header this code accepts or writes
 * @param roots   the root CIDs
 */
public record CarHeader(int version, List<Cid> roots) {

    private static final byte[] ROOTS = "roots".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version".getBytes(StandardCharsets.US_ASCII);
    private static final int MAJOR_UNSIGNED = 0;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;
    private static final int MAJOR_ARRAY = 4;
    private static final int MAJOR_MAP = 5;
    private static final int MAJOR_TAG = 6;
    private static final int CID_TAG = 42;

    public CarHeader {
        roots = List.copyOf(roots);
    }

    public static CarHeader v1(List<Cid> roots) {
        return new CarHeader(1, roots);
    }

    /** Canonical DAG-CBOR. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head(out, MAJOR_MAP, 2);
        head(out, MAJOR_TEXT, ROOTS.length);
        out.writeBytes(ROOTS);
        head(out, MAJOR_ARRAY, roots.size());
        for (Cid root : roots) {
            head(out, MAJOR_TAG, CID_TAG);
            head(out, MAJOR_BYTES, root.byteLength() + 1);
            out.write(0);
            out.writeBytes(root.toBytes());
        }
        head(out, MAJOR_TEXT, VERSION.length);
        out.writeBytes(VERSION);
        head(out, MAJOR_UNSIGNED, version);
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long value) {
        int type = major << 5;
        if (value < 24) {
            out.write(type | (int) value);
        } else {
            int bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1_0000_0000L ? 4 : 8;
            out.write(type | (24 + Integer.numberOfTrailingZeros(bytes)));
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((int) (value >>> (8 * i)));
            }
        }
    }

    /**
     * Decodes header bytes that start at byte {@code offset} of the CAR.
     *
     * @throws CorruptContentException naming the offset: bad header, or a version other than 1
     */
    static CarHeader decode(byte[] bytes, long offset) {
        return new Decoder(bytes, offset).header();
    }

    /** A cursor over DAG-CBOR that understands just the header's shape. */
    private static final class Decoder {
        private final byte[] bytes;
        private final long base;
        private int position;
        private int major;
        private long argument;

        Decoder(byte[] bytes, long base) {
            this.bytes = bytes;
            this.base = base;
        }

        CarHeader header() {
            readHead();
            expect(MAJOR_MAP, "the header must be a map", 0);
            if (argument > 2) {
                throw error("the header map has " + argument + " entries; a CARv1 header has 2 (roots, version)", 0);
            }
            long entries = argument;
            List<Cid> roots = null;
            long version = -1;
            int versionAt = -1;
            byte[] previousKey = null;
            for (int i = 0; i < entries; i++) {
                int keyAt = position;
                byte[] key = readText();
                if (!Arrays.equals(key, ROOTS) && !Arrays.equals(key, VERSION)) {
                    throw error("unexpected key '" + new String(key, StandardCharsets.UTF_8) + "'", keyAt);
                }
                if (previousKey != null && Arrays.equals(previousKey, key)) {
                    throw error("duplicate key '" + ascii(key) + "'", keyAt);
                }
                if (previousKey != null && Arrays.equals(previousKey, VERSION)) {
                    throw error("keys out of canonical order ('roots' must come before 'version')", keyAt);
                }
                previousKey = key;
                if (Arrays.equals(key, VERSION)) {
                    versionAt = position;
                    readHead();
                    expect(MAJOR_UNSIGNED, "version must be an unsigned integer", versionAt);
                    version = argument;
                } else {
                    roots = readRoots();
                }
            }
            if (position != bytes.length) {
                throw error((bytes.length - position) + " trailing bytes after the header map", position);
            }
            if (version < 0) {
                throw error("missing 'version'", position);
            }
            if (version != 1) {
                long at = base + versionAt;
                throw new CorruptContentException("unsupported CAR version " + version + " at byte offset " + at
                        + " (only CARv1 is supported)", at);
            }
            if (roots == null) {
                throw error("missing 'roots'", position);
            }
            return new CarHeader(1, roots);
        }

        private List<Cid> readRoots() {
            int at = position;
            readHead();
            expect(MAJOR_ARRAY, "roots must be an array", at);
            if (argument > bytes.length - position) {
                throw error("roots array claims " + argument + " entries", at);
            }
            int count = (int) argument;
            List<Cid> roots = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int rootAt = position;
                readHead();
                if (major != MAJOR_TAG || argument != CID_TAG) {
                    throw error("root " + i + " is not a CID (tag 42)", rootAt);
                }
                int bytesAt = position;
                readHead();
                expect(MAJOR_BYTES, "root " + i + " must be a byte string", bytesAt);
                int length = checkedLength(bytesAt);
                if (length < 2 || bytes[position] != 0) {
                    throw error("root " + i + " must start with the 0x00 multibase prefix", bytesAt);
                }
                try {
                    roots.add(Cid.fromBytes(Arrays.copyOfRange(bytes, position + 1, position + length)));
                } catch (InvalidCidException e) {
                    throw error("root " + i + ": " + e.getMessage(), bytesAt);
                }
                position += length;
            }
            return roots;
        }

        private byte[] readText() {
            int at = position;
            readHead();
            expect(MAJOR_TEXT, "map keys must be text strings", at);
            int length = checkedLength(at);
            byte[] text = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return text;
        }

        private int checkedLength(int at) {
            if (argument > bytes.length - position) {
                throw error("string of " + argument + " bytes overruns the header", at);
            }
            return (int) argument;
        }

        private void readHead() {
            int at = position;
            if (position >= bytes.length) {
                throw error("truncated", at);
            }
            int initial = bytes[position++] & 0xFF;
            major = initial >>> 5;
            int info = initial & 31;
            if (info < 24) {
                argument = info;
                return;
            }
            if (info == 31) {
                throw error("indefinite-length items are not allowed in DAG-CBOR", at);
            }
            if (info > 27) {
                throw error("reserved additional information " + info, at);
            }
            int size = 1 << (info - 24);
            if (bytes.length - position < size) {
                throw error("truncated", at);
            }
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = value << 8 | (bytes[position++] & 0xFF);
            }
            long minimum = size == 1 ? 24 : 1L << (4 * size);
            if (Long.compareUnsigned(value, minimum) < 0) {
                throw error("integer not minimally encoded", at);
            }
            if (value < 0) {
                throw error("integer too large", at);
            }
            argument = value;
        }

        private void expect(int expectedMajor, String message, int at) {
            if (major != expectedMajor) {
                throw error(message + " (found CBOR major type " + major + ")", at);
            }
        }

        private CorruptContentException error(String reason, int at) {
            long offset = base + at;
            return new CorruptContentException("bad CAR header at byte offset " + offset + ": " + reason, offset);
        }

        private static String ascii(byte[] key) {
            return new String(key, StandardCharsets.US_ASCII);
        }
    }
}
