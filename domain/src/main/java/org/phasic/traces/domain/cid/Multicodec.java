package org.phasic.traces.domain.cid;

/** The content codecs a CID may name here. */
public enum Multicodec {
    RAW(0x55, "raw"),
    DAG_PB(0x70, "dag-pb"),
    DAG_CBOR(0x71, "dag-cbor");

    private final int code;
    private final String codecName;

    Multicodec(int code, String codecName) {
        this.code = code;
        this.codecName = codecName;
    }

    public int code() {
        return code;
    }

    /** The multicodec table name, e.g. {@code dag-pb}. */
    public String codecName() {
        return codecName;
    }

    /** @throws IllegalArgumentException naming the code in hex if it is not supported */
    public static Multicodec forCode(long code) {
        for (Multicodec codec : values()) {
            if (codec.code == code) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unsupported codec 0x" + Long.toHexString(code)
                + " (supported: raw 0x55, dag-pb 0x70, dag-cbor 0x71)");
    }

    @Override
    public String toString() {
        return codecName;
    }
}
