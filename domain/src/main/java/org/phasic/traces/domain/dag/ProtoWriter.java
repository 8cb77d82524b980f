package org.phasic.traces.domain.dag;

import org.phasic.traces.domain.cid.Varint;

/** Writes protobuf wire format into a pre-sized array; the {@code size*} methods compute that size. */
public final class ProtoWriter {

    private final byte[] out;
    private int position;

    public ProtoWriter(int size) {
        this.out = new byte[size];
    }

    public static int sizeOfVarintField(int field, long value) {
        return Varint.size((long) field << 3) + Varint.size(value);
    }

    public static int sizeOfBytesField(int field, int length) {
        return Varint.size((long) field << 3) + Varint.size(length) + length;
    }

    public ProtoWriter varintField(int field, long value) {
        position = Varint.write((long) field << 3 | ProtoReader.VARINT, out, position);
        position = Varint.write(value, out, position);
        return this;
    }

    public ProtoWriter bytesField(int field, byte[] value, int offset, int length) {
        position = Varint.write((long) field << 3 | ProtoReader.LENGTH_DELIMITED, out, position);
        position = Varint.write(length, out, position);
        System.arraycopy(value, offset, out, position, length);
        position += length;
        return this;
    }

    public ProtoWriter bytesField(int field, byte[] value) {
        return bytesField(field, value, 0, value.length);
    }

    /** The encoded bytes; the array must be full. */
    public byte[] toByteArray() {
        if (position != out.length) {
            throw new IllegalStateException("encoded " + position + " bytes, sized for " + out.length);
        }
        return out;
    }
}
