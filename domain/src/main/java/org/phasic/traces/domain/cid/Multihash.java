package org.phasic.traces.domain.cid;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.phasic.traces.domain.io.Sha256;

/** A self-describing hash: function code, digest length, digest. Immutable; equality by value. */
public final class Multihash {

    private final HashFunction function;
    private final byte[] digest;

    private Multihash(HashFunction function, byte[] digest) {
        this.function = function;
        this.digest = digest;
    }

    /** @throws IllegalArgumentException if the digest length does not fit the function */
    public static Multihash of(HashFunction function, byte[] digest) {
        Objects.requireNonNull(function, "function");
        function.checkDigestLength(digest.length);
        return new Multihash(function, digest.clone());
    }

    public static Multihash sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    public static Multihash sha256(byte[] data, int offset, int length) {
        return new Multihash(HashFunction.SHA2_256, Sha256.digest(data, offset, length));
    }

    /** The identity multihash of {@code data} (at most {@link HashFunction#MAX_IDENTITY_LENGTH} bytes). */
    public static Multihash identity(byte[] data) {
        return of(HashFunction.IDENTITY, data);
    }

    /** Hashes {@code data} with {@code function}. */
    public static Multihash compute(HashFunction function, byte[] data, int offset, int length) {
        return function == HashFunction.SHA2_256
                ? sha256(data, offset, length)
                : identity(Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * Decodes a multihash starting at {@code offset}; {@code limit} is the index after the last byte that
     * may be read. Trailing bytes are the caller's business; {@link #byteLength()} says how many were used.
     *
     * @throws IllegalArgumentException with a precise reason
     */
    public static Multihash decode(byte[] data, int offset, int limit) {
        long code = Varint.decode(data, offset, limit);
        HashFunction function = HashFunction.forCode(code);
        int at = offset + Varint.size(code);
        long length = Varint.decode(data, at, limit);
        function.checkDigestLength(length);
        at += Varint.size(length);
        if (limit - at < length) {
            throw new IllegalArgumentException("truncated multihash: digest length " + length + " but only "
                    + (limit - at) + " bytes follow");
        }
        return new Multihash(function, Arrays.copyOfRange(data, at, at + (int) length));
    }

    public HashFunction function() {
        return function;
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return digest.clone();
    }

    public int digestLength() {
        return digest.length;
    }

    /** Whether {@code data[offset, offset+length)} hashes to this multihash. */
    public boolean matches(byte[] data, int offset, int length) {
        if (function == HashFunction.IDENTITY) {
            return Arrays.equals(digest, 0, digest.length, data, offset, offset + length);
        }
        return MessageDigest.isEqual(digest, Sha256.digest(data, offset, length));
    }

    public boolean matches(byte[] data) {
        return matches(data, 0, data.length);
    }

    /** The encoded length: code varint + length varint + digest. */
    public int byteLength() {
        return Varint.size(function.code()) + Varint.size(digest.length) + digest.length;
    }

    /** Writes the binary multihash at {@code offset}; returns the offset after it. */
    public int write(byte[] target, int offset) {
        int at = Varint.write(function.code(), target, offset);
        at = Varint.write(digest.length, target, at);
        System.arraycopy(digest, 0, target, at, digest.length);
        return at + digest.length;
    }

    public byte[] toBytes() {
        byte[] out = new byte[byteLength()];
        write(out, 0);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Multihash that && function == that.function && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * function.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder(function.hashName()).append(':');
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return hex.toString();
    }
}
