package org.phasic.traces.domain.dag;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Varint;

/**
 * A strict cursor over protobuf wire format, enough for dag-pb and UnixFS: varint (wire type 0) and
 * length-delimited (wire type 2) fields only, minimal varints of at most 9 bytes. Every problem is a
 * {@link CorruptContentException} naming the format and the byte index in the block.
 */
public final class ProtoReader {

    public static final int VARINT = 0;
    public static final int LENGTH_DELIMITED = 2;

    private final byte[] data;
    private final int start;
    private final int limit;
    private final String format;
    private int position;

    /** @param format what is being decoded, for messages (e.g. {@code "dag-pb"}) */
    public ProtoReader(byte[] data, int offset, int length, String format) {
        this(data, offset, length, format, offset);
    }

    /**
     * A reader for an embedded message whose byte indices in messages count from {@code base} (the start of
     * the enclosing block) rather than from {@code offset}.
     */
    public ProtoReader(byte[] data, int offset, int length, String format, int base) {
        this.data = data;
        this.start = base;
        this.position = offset;
        this.limit = offset + length;
        this.format = format;
    }

    public boolean hasMore() {
        return position < limit;
    }

    /** The byte index of the cursor, relative to the start of the decoded bytes (or the base). */
    public int index() {
        return position - start;
    }

    /** Reads a field key; returns {@code fieldNumber << 3 | wireType}. */
    public int readKey() {
        int at = index();
        long key = readVarint();
        int wireType = (int) (key & 7);
        long field = key >>> 3;
        if (field < 1 || field > 536_870_911) {
            throw error("invalid field number " + field, at);
        }
        if (wireType != VARINT && wireType != LENGTH_DELIMITED) {
            throw error("unsupported wire type " + wireType + " for field " + field, at);
        }
        return (int) key;
    }

    public long readVarint() {
        int at = position;
        try {
            long value = Varint.decode(data, position, limit);
            position += Varint.size(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), at - start);
        }
    }

    /** Reads a length prefix and returns the start index (absolute) of the bytes, advancing past them. */
    public int readLengthDelimited() {
        int at = index();
        long length = readVarint();
        if (length > limit - position) {
            throw error("length-delimited field of " + length + " bytes overruns the block", at);
        }
        int begin = position;
        position += (int) length;
        return begin;
    }

    public byte[] readBytes() {
        int begin = readLengthDelimited();
        return Arrays.copyOfRange(data, begin, position);
    }

    /** Reads a length-delimited field as strict UTF-8. */
    public String readString() {
        int at = index();
        int begin = readLengthDelimited();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, begin, position - begin))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error("string is not valid UTF-8", at);
        }
    }

    /** Skips the value of a field of the given wire type. */
    public void skip(int wireType) {
        if (wireType == VARINT) {
            readVarint();
        } else {
            readLengthDelimited();
        }
    }

    /** The absolute array index of the cursor: after {@link #readLengthDelimited()}, the end of its value. */
    public int position() {
        return position;
    }

    /** A {@link CorruptContentException} for this format at a byte index of the decoded bytes. */
    public CorruptContentException error(String reason, int index) {
        return new CorruptContentException("malformed " + format + " block: " + reason + " at byte " + index);
    }
}
