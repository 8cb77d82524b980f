package org.phasic.traces.domain.dag;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;

/**
 * A dag-pb node: links, then optional data. {@link #encode()} writes the canonical form (Links, field 2,
 * before Data, field 1, as the dag-pb specification requires); {@link #decode(byte[])} is strict and
 * accepts nothing else (unknown fields, wrong wire types, duplicates, fields out of order, invalid link
 * CIDs or names are {@link CorruptContentException}s).
 */
public final class PBNode {

    private static final int DATA = 1;
    private static final int LINKS = 2;
    private static final int LINK_HASH = 1;
    private static final int LINK_NAME = 2;
    private static final int LINK_TSIZE = 3;

    private final List<PBLink> links;
    private final byte[] array;
    private final int dataOffset;
    private final int dataLength;

    private PBNode(List<PBLink> links, byte[] array, int dataOffset, int dataLength) {
        this.links = links;
        this.array = array;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
    }

    /** @param data the Data field, or null for a node without one (the data is copied) */
    public static PBNode of(List<PBLink> links, byte[] data) {
        List<PBLink> copy = List.copyOf(links);
        return data == null ? new PBNode(copy, null, 0, 0) : new PBNode(copy, data.clone(), 0, data.length);
    }

    public List<PBLink> links() {
        return links;
    }

    public boolean hasData() {
        return array != null;
    }

    /** A copy of the Data field, or null if absent. */
    public byte[] data() {
        return array == null ? null : Arrays.copyOfRange(array, dataOffset, dataOffset + dataLength);
    }

    /** Receives the Data field in place, without a copy. */
    @FunctionalInterface
    public interface DataDecoder<T> {
        T decode(byte[] array, int offset, int length);
    }

    /**
     * Decodes the Data field in place (no copy): the decoder must not modify or retain the array beyond
     * the lifetime of this node.
     *
     * @throws CorruptContentException if the node has no Data field
     */
    public <T> T decodeData(DataDecoder<T> decoder) {
        if (array == null) {
            throw new CorruptContentException("malformed dag-pb block: no Data field");
        }
        return decoder.decode(array, dataOffset, dataLength);
    }

    /** The canonical encoding. */
    public byte[] encode() {
        List<byte[]> names = new ArrayList<>(links.size());
        int size = 0;
        for (PBLink link : links) {
            byte[] name = link.nameBytes();
            names.add(name);
            size += ProtoWriter.sizeOfBytesField(LINKS, linkSize(link, name));
        }
        if (array != null) {
            size += ProtoWriter.sizeOfBytesField(DATA, dataLength);
        }
        ProtoWriter out = new ProtoWriter(size);
        for (int i = 0; i < links.size(); i++) {
            PBLink link = links.get(i);
            byte[] name = names.get(i);
            ProtoWriter encodedLink = new ProtoWriter(linkSize(link, name));
            encodedLink.bytesField(LINK_HASH, link.hash().toBytes());
            if (name != null) {
                encodedLink.bytesField(LINK_NAME, name);
            }
            if (link.tsize() != null) {
                encodedLink.varintField(LINK_TSIZE, link.tsize());
            }
            out.bytesField(LINKS, encodedLink.toByteArray());
        }
        if (array != null) {
            out.bytesField(DATA, array, dataOffset, dataLength);
        }
        return out.toByteArray();
    }

    private static int linkSize(PBLink link, byte[] name) {
        int size = ProtoWriter.sizeOfBytesField(LINK_HASH, link.hash().byteLength());
        if (name != null) {
            size += ProtoWriter.sizeOfBytesField(LINK_NAME, name.length);
        }
        if (link.tsize() != null) {
            size += ProtoWriter.sizeOfVarintField(LINK_TSIZE, link.tsize());
        }
        return size;
    }

    public static PBNode decode(byte[] block) {
        return decode(block, 0, block.length);
    }

    /**
     * Strictly decodes a dag-pb block. The node keeps a reference to {@code block} (no copy of Data).
     *
     * @throws CorruptContentException naming the problem and its byte index
     */
    public static PBNode decode(byte[] block, int offset, int length) {
        Objects.requireNonNull(block, "block");
        ProtoReader in = new ProtoReader(block, offset, length, "dag-pb");
        List<PBLink> links = new ArrayList<>();
        int dataStart = -1;
        int dataEnd = -1;
        while (in.hasMore()) {
            int at = in.index();
            int key = in.readKey();
            if (dataStart >= 0) {
                throw in.error("field " + (key >>> 3) + " after Data (Data must be the last field)", at);
            }
            if (key == (LINKS << 3 | ProtoReader.LENGTH_DELIMITED)) {
                int begin = in.readLengthDelimited();
                links.add(decodeLink(block, begin, in.position() - begin, offset));
            } else if (key == (DATA << 3 | ProtoReader.LENGTH_DELIMITED)) {
                dataStart = in.readLengthDelimited();
                dataEnd = in.position();
            } else {
                throw in.error(unexpected("PBNode", 2, key), at);
            }
        }
        List<PBLink> immutable = List.copyOf(links);
        return dataStart < 0 ? new PBNode(immutable, null, 0, 0)
                : new PBNode(immutable, block, dataStart, dataEnd - dataStart);
    }

    private static PBLink decodeLink(byte[] block, int offset, int length, int blockStart) {
        ProtoReader in = new ProtoReader(block, offset, length, "dag-pb", blockStart);
        Cid hash = null;
        String name = null;
        Long tsize = null;
        int lastField = 0;
        while (in.hasMore()) {
            int at = in.index();
            int key = in.readKey();
            int field = key >>> 3;
            if (field <= lastField && field <= LINK_TSIZE) {
                throw in.error("field " + field + " duplicated or out of order (Hash, Name, Tsize)", at);
            }
            lastField = field;
            if (key == (LINK_HASH << 3 | ProtoReader.LENGTH_DELIMITED)) {
                hash = decodeHash(block, in, at);
            } else if (key == (LINK_NAME << 3 | ProtoReader.LENGTH_DELIMITED)) {
                if (hash == null) {
                    throw in.error("Name before Hash", at);
                }
                name = in.readString();
            } else if (key == (LINK_TSIZE << 3 | ProtoReader.VARINT)) {
                if (hash == null) {
                    throw in.error("Tsize before Hash", at);
                }
                tsize = in.readVarint();
            } else {
                throw in.error(unexpected("PBLink", 3, key), at);
            }
        }
        if (hash == null) {
            throw in.error("link without Hash", offset - blockStart);
        }
        return new PBLink(hash, name, tsize);
    }

    private static Cid decodeHash(byte[] block, ProtoReader in, int at) {
        int begin = in.readLengthDelimited();
        try {
            return Cid.fromBytes(Arrays.copyOfRange(block, begin, in.position()));
        } catch (InvalidCidException e) {
            throw in.error("link Hash is not a valid CID (" + e.getMessage() + ")", at);
        }
    }

    private static String unexpected(String message, int fields, int key) {
        int field = key >>> 3;
        int wireType = key & 7;
        return field <= fields ? "wire type " + wireType + " is wrong for " + message + " field " + field
                : "unknown " + message + " field " + field;
    }

    /** Writes the Data field in place; nothing if absent. */
    public void writeDataTo(OutputStream out) throws IOException {
        if (array != null) {
            out.write(array, dataOffset, dataLength);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PBNode that && links.equals(that.links)
                && (array == null ? that.array == null : that.array != null
                        && Arrays.equals(array, dataOffset, dataOffset + dataLength,
                                that.array, that.dataOffset, that.dataOffset + that.dataLength));
    }

    @Override
    public int hashCode() {
        return links.hashCode() * 31 + (array == null ? 0 : Arrays.hashCode(data()));
    }

    @Override
    public String toString() {
        return "PBNode{links=" + links.size() + ", data=" + (array == null ? "none" : dataLength + " bytes") + "}";
    }
}
