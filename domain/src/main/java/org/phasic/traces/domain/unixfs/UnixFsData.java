package org.phasic.traces.domain.unixfs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.ProtoReader;
import org.phasic.traces.domain.dag.ProtoWriter;

/**
 * The UnixFS {@code Data} message carried in a dag-pb node's Data field. Encoding writes exactly what
 * Kubo and ipfs-car write (Type, Data if non-empty, filesize, one blocksizes field per child); decoding is
 * strict about wire types and duplicates and ignores only {@code mode} and {@code mtime} metadata.
 */
public final class UnixFsData {

    /** UnixFS node types with their protobuf numbers. */
    public enum Type {
        RAW, DIRECTORY, FILE, METADATA, SYMLINK, HAMT_SHARD;

        static Type of(long number, ProtoReader in, int at) {
            if (number < 0 || number >= values().length) {
                throw in.error("unknown UnixFS type " + number, at);
            }
            return values()[(int) number];
        }
    }

    private static final int TYPE = 1;
    private static final int DATA = 2;
    private static final int FILESIZE = 3;
    private static final int BLOCKSIZES = 4;
    private static final int HASH_TYPE = 5;
    private static final int FANOUT = 6;
    private static final int MODE = 7;
    private static final int MTIME = 8;
    private static final long[] NONE = new long[0];

    private final Type type;
    private final byte[] array;
    private final int dataOffset;
    private final int dataLength;
    private final long filesize;
    private final long[] blocksizes;

    private UnixFsData(Type type, byte[] array, int dataOffset, int dataLength, long filesize, long[] blocksizes) {
        this.type = type;
        this.array = array;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
        this.filesize = filesize;
        this.blocksizes = blocksizes;
    }

    /**
     * A File node.
     *
     * @param data       inline file bytes (null or empty for none; not copied)
     * @param filesize   total bytes of the file below this node
     * @param blocksizes bytes below each child link, in order
     */
    public static UnixFsData file(byte[] data, long filesize, long[] blocksizes) {
        byte[] inline = data == null || data.length == 0 ? null : data;
        return new UnixFsData(Type.FILE, inline, 0, inline == null ? 0 : inline.length, filesize,
                blocksizes.clone());
    }

    public static UnixFsData directory() {
        return new UnixFsData(Type.DIRECTORY, null, 0, 0, -1, NONE);
    }

    public Type type() {
        return type;
    }

    /** Number of inline data bytes (0 if absent). */
    public int dataLength() {
        return dataLength;
    }

    /** A copy of the inline data (empty if absent). */
    public byte[] data() {
        return array == null ? new byte[0] : Arrays.copyOfRange(array, dataOffset, dataOffset + dataLength);
    }

    public void writeDataTo(OutputStream out) throws IOException {
        if (array != null) {
            out.write(array, dataOffset, dataLength);
        }
    }

    /** The filesize field, or -1 if absent. */
    public long filesize() {
        return filesize;
    }

    public long[] blocksizes() {
        return blocksizes.clone();
    }

    public int blocksizeCount() {
        return blocksizes.length;
    }

    public long blocksize(int index) {
        return blocksizes[index];
    }

    public byte[] encode() {
        int size = ProtoWriter.sizeOfVarintField(TYPE, type.ordinal());
        if (array != null) {
            size += ProtoWriter.sizeOfBytesField(DATA, dataLength);
        }
        if (filesize >= 0) {
            size += ProtoWriter.sizeOfVarintField(FILESIZE, filesize);
        }
        for (long blocksize : blocksizes) {
            size += ProtoWriter.sizeOfVarintField(BLOCKSIZES, blocksize);
        }
        ProtoWriter out = new ProtoWriter(size).varintField(TYPE, type.ordinal());
        if (array != null) {
            out.bytesField(DATA, array, dataOffset, dataLength);
        }
        if (filesize >= 0) {
            out.varintField(FILESIZE, filesize);
        }
        for (long blocksize : blocksizes) {
            out.varintField(BLOCKSIZES, blocksize);
        }
        return out.toByteArray();
    }

    public static UnixFsData decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes in place: the result refers to {@code bytes} for its inline data.
     *
     * @throws CorruptContentException naming the problem and its byte index
     */
    public static UnixFsData decode(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        ProtoReader in = new ProtoReader(bytes, offset, length, "UnixFS Data");
        Type type = null;
        int dataStart = -1;
        int dataEnd = -1;
        long filesize = -1;
        long[] blocksizes = NONE;
        int blocksizeCount = 0;
        long seen = 0;
        while (in.hasMore()) {
            int at = in.index();
            int key = in.readKey();
            int field = key >>> 3;
            int wireType = key & 7;
            if (field < TYPE || field > MTIME) {
                throw in.error("unknown field " + field, at);
            }
            if (wireType != expectedWireType(field)) {
                throw in.error("wire type " + wireType + " is wrong for field " + field, at);
            }
            if (field != BLOCKSIZES && (seen & (1L << field)) != 0) {
                throw in.error("field " + field + " appears twice", at);
            }
            seen |= 1L << field;
            switch (field) {
                case TYPE -> type = Type.of(in.readVarint(), in, at);
                case DATA -> {
                    dataStart = in.readLengthDelimited();
                    dataEnd = in.position();
                }
                case FILESIZE -> filesize = in.readVarint();
                case BLOCKSIZES -> {
                    if (blocksizeCount == blocksizes.length) {
                        blocksizes = Arrays.copyOf(blocksizes, Math.max(8, blocksizeCount * 2));
                    }
                    blocksizes[blocksizeCount++] = in.readVarint();
                }
                default -> in.skip(wireType);
            }
        }
        if (type == null) {
            throw in.error("missing Type", in.index());
        }
        return new UnixFsData(type, dataStart < 0 ? null : bytes, Math.max(dataStart, 0),
                dataStart < 0 ? 0 : dataEnd - dataStart, filesize, Arrays.copyOf(blocksizes, blocksizeCount));
    }

    private static int expectedWireType(int field) {
        return field == DATA || field == MTIME ? ProtoReader.LENGTH_DELIMITED : ProtoReader.VARINT;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnixFsData that && type == that.type && filesize == that.filesize
                && Arrays.equals(blocksizes, that.blocksizes) && Arrays.equals(data(), that.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, filesize, Arrays.hashCode(blocksizes), dataLength);
    }

    @Override
    public String toString() {
        return "UnixFsData{" + type + ", data=" + dataLength + ", filesize=" + filesize + ", blocksizes="
                + blocksizes.length + "}";
    }
}
