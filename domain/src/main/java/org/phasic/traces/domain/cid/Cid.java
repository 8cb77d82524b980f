package org.phasic.traces.domain.cid;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * A content identifier, version 0 ({@code Qm...}: a bare sha2-256 multihash of a dag-pb block, written
 * in base58btc) or version 1 (version, codec and multihash, written in multibase; base32 lower case
 * {@code b...} by default). Immutable; two CIDs are equal when their binary forms are equal, so a CIDv0
 * and its CIDv1 twin are different values ({@link #toV1()} converts).
 */
public final class Cid {

    /** Longest CID text accepted by {@link #parse(String)}. */
    public static final int MAX_TEXT_LENGTH = 512;

    private static final int V0_LENGTH = 34;
    private static final int V0_TEXT_LENGTH = 46;

    private final int version;
    private final Multicodec codec;
    private final Multihash multihash;
    private final byte[] bytes;
    private final int hash;
    private String text;

    private Cid(int version, Multicodec codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
        this.bytes = version == 0 ? multihash.toBytes() : encodeV1(codec, multihash);
        this.hash = Arrays.hashCode(bytes);
    }

    /** A CIDv0 (dag-pb, sha2-256). */
    public static Cid v0(Multihash multihash) {
        return of(0, Multicodec.DAG_PB, multihash);
    }

    public static Cid v1(Multicodec codec, Multihash multihash) {
        return of(1, codec, multihash);
    }

    /**
     * @throws IllegalArgumentException for a version other than 0 or 1, or a CIDv0 that is not dag-pb
     *     with a sha2-256 multihash
     */
    public static Cid of(int version, Multicodec codec, Multihash multihash) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(multihash, "multihash");
        if (version == 0 && (codec != Multicodec.DAG_PB || multihash.function() != HashFunction.SHA2_256)) {
            throw new IllegalArgumentException("a CIDv0 is always dag-pb with sha2-256, not " + codec + " with "
                    + multihash.function());
        }
        if (version != 0 && version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version);
        }
        return new Cid(version, codec, multihash);
    }

    /** The sha2-256 CID of a block. */
    public static Cid compute(int version, Multicodec codec, byte[] block) {
        return compute(version, codec, block, 0, block.length);
    }

    public static Cid compute(int version, Multicodec codec, byte[] block, int offset, int length) {
        return of(version, codec, Multihash.sha256(block, offset, length));
    }

    /**
     * Parses a CID string: a 46-character base58btc CIDv0 ({@code Qm...}), or a multibase CIDv1 in base32
     * lower case ({@code b...}) or base58btc ({@code z...}).
     *
     * @throws InvalidCidException naming the problem: bad base or character, bad varint, unsupported
     *     version/codec/hash, digest length mismatch, truncation or trailing bytes
     */
    public static Cid parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parseText(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("invalid CID \"" + UntrustedText.printable(text) + "\": " + e.getMessage());
        }
    }

    /** Whether {@code text} parses as a CID. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidCidException e) {
            return false;
        }
    }

    /**
     * Decodes a binary CID that spans all of {@code bytes}.
     *
     * @throws InvalidCidException with a precise reason
     */
    public static Cid fromBytes(byte[] bytes) {
        try {
            Cid cid = decodePrefix(bytes, 0, bytes.length);
            int trailing = bytes.length - cid.byteLength();
            if (trailing > 0) {
                throw new IllegalArgumentException(trailing + " trailing bytes after the multihash");
            }
            return cid;
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("invalid CID bytes: " + e.getMessage());
        }
    }

    /**
     * Decodes the binary CID that starts at {@code offset} and ends before {@code limit} or earlier;
     * {@link #byteLength()} of the result is the number of bytes it used.
     *
     * @throws InvalidCidException with a precise reason
     */
    public static Cid readFrom(byte[] data, int offset, int limit) {
        try {
            return decodePrefix(data, offset, limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("invalid CID bytes: " + e.getMessage());
        }
    }

    private static Cid parseText(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty string");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (text.startsWith("Qm")) {
            if (text.length() != V0_TEXT_LENGTH) {
                throw new IllegalArgumentException("a CIDv0 has " + V0_TEXT_LENGTH + " base58btc characters, got "
                        + text.length());
            }
            Cid cid = fromBytesUnchecked(Multibase.BASE58BTC.decode(text));
            if (cid.version != 0) {
                throw new IllegalArgumentException("not a CIDv0");
            }
            return cid;
        }
        Multibase base = Multibase.forPrefix(text.charAt(0));
        byte[] bytes = base.decode(text, 1);
        if (bytes.length > 0 && bytes[0] != 1) {
            long version = Varint.decode(bytes, 0, bytes.length);
            throw new IllegalArgumentException(version == 0 || version == HashFunction.SHA2_256.code()
                    ? "a multibase CID must be version 1; a CIDv0 is bare base58btc (Qm...)"
                    : "unsupported CID version " + version);
        }
        return fromBytesUnchecked(bytes);
    }

    private static Cid fromBytesUnchecked(byte[] bytes) {
        Cid cid = decodePrefix(bytes, 0, bytes.length);
        int trailing = bytes.length - cid.byteLength();
        if (trailing > 0) {
            throw new IllegalArgumentException(trailing + " trailing bytes after the multihash");
        }
        return cid;
    }

    private static Cid decodePrefix(byte[] data, int offset, int limit) {
        if (offset >= limit) {
            throw new IllegalArgumentException("no bytes");
        }
        if (data[offset] == HashFunction.SHA2_256.code()) {
            if (limit - offset < V0_LENGTH || data[offset + 1] != 32) {
                throw new IllegalArgumentException("a CIDv0 is a 34-byte sha2-256 multihash (0x12 0x20 + 32 bytes)");
            }
            return new Cid(0, Multicodec.DAG_PB, Multihash.decode(data, offset, offset + V0_LENGTH));
        }
        long version = Varint.decode(data, offset, limit);
        if (version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version);
        }
        int at = offset + 1;
        long codecCode = Varint.decode(data, at, limit);
        Multicodec codec = Multicodec.forCode(codecCode);
        at += Varint.size(codecCode);
        return new Cid(1, codec, Multihash.decode(data, at, limit));
    }

    private static byte[] encodeV1(Multicodec codec, Multihash multihash) {
        byte[] out = new byte[1 + Varint.size(codec.code()) + multihash.byteLength()];
        int at = Varint.write(1, out, 0);
        at = Varint.write(codec.code(), out, at);
        multihash.write(out, at);
        return out;
    }

    public int version() {
        return version;
    }

    public Multicodec codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    /** Whether the multihash is the identity function, i.e. the block is inlined in the CID. */
    public boolean isIdentity() {
        return multihash.function() == HashFunction.IDENTITY;
    }

    /** Whether {@code block[offset, offset+length)} is the content this CID names. */
    public boolean matches(byte[] block, int offset, int length) {
        return multihash.matches(block, offset, length);
    }

    public boolean matches(byte[] block) {
        return multihash.matches(block, 0, block.length);
    }

    /** The same content as a CIDv1 (identity for a CIDv1). */
    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, multihash);
    }

    /** A copy of the binary form. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public int byteLength() {
        return bytes.length;
    }

    /** Writes the binary form at {@code offset}; returns the offset after it. */
    public int write(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
        return offset + bytes.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /**
     * The text form in {@code base}; a CIDv0 exists only as bare base58btc.
     *
     * @throws IllegalArgumentException for a CIDv0 in any base but base58btc
     */
    public String toString(Multibase base) {
        if (version == 0) {
            if (base != Multibase.BASE58BTC) {
                throw new IllegalArgumentException("a CIDv0 exists only in base58btc; use toV1() first");
            }
            return Multibase.BASE58BTC.encode(bytes);
        }
        return base.encodeWithPrefix(bytes);
    }

    /** The canonical text: {@code Qm...} for v0, base32 lower case {@code b...} for v1. */
    @Override
    public String toString() {
        String s = text;
        if (s == null) {
            s = toString(version == 0 ? Multibase.BASE58BTC : Multibase.BASE32);
            text = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
