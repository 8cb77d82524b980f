package org.phasic.traces.domain.cid;

/** The multihash functions supported here. */
public enum HashFunction {
    /** The digest is the content itself (tiny inline blocks). */
    IDENTITY(0x00, "identity", -1),
    SHA2_256(0x12, "sha2-256", 32);

    /** Longest identity digest accepted, as in Kubo: anything longer should be a real hash. */
    public static final int MAX_IDENTITY_LENGTH = 128;

    private final int code;
    private final String hashName;
    private final int digestLength;

    HashFunction(int code, String hashName, int digestLength) {
        this.code = code;
        this.hashName = hashName;
        this.digestLength = digestLength;
    }

    public int code() {
        return code;
    }

    public String hashName() {
        return hashName;
    }

    /** The fixed digest length, or -1 for identity (any length up to {@link #MAX_IDENTITY_LENGTH}). */
    public int digestLength() {
        return digestLength;
    }

    /** @throws IllegalArgumentException naming the code in hex if it is not supported */
    public static HashFunction forCode(long code) {
        for (HashFunction function : values()) {
            if (function.code == code) {
                return function;
            }
        }
        throw new IllegalArgumentException("unsupported multihash function 0x" + Long.toHexString(code)
                + " (supported: identity 0x00, sha2-256 0x12)");
    }

    /** Checks a digest length for this function; the message says what was expected. */
    void checkDigestLength(long length) {
        if (this == IDENTITY ? length > MAX_IDENTITY_LENGTH : length != digestLength) {
            throw new IllegalArgumentException(this == IDENTITY
                    ? "identity digest of " + length + " bytes exceeds " + MAX_IDENTITY_LENGTH
                    : "digest length mismatch: " + hashName + " digest must be " + digestLength
                            + " bytes, got " + length);
        }
    }

    @Override
    public String toString() {
        return hashName;
    }
}
