package org.phasic.traces.domain.dag;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;

/**
 * A block whose bytes are known to hash to its CID. The bytes are shared, not copied, for speed: {@link
 * #data()} must be treated as read-only.
 */
public final class Block {

    private final Cid cid;
    private final byte[] data;

    private Block(Cid cid, byte[] data) {
        this.cid = cid;
        this.data = data;
    }

    /** Hashes {@code data} into a new block (sha2-256). */
    public static Block of(int cidVersion, Multicodec codec, byte[] data) {
        return new Block(Cid.compute(cidVersion, codec, data), data);
    }

    /**
     * Checks untrusted bytes against the CID they were fetched for.
     *
     * @throws CorruptContentException if they do not hash to {@code cid}
     */
    public static Block verified(Cid cid, byte[] data) {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(data, "data");
        if (!cid.matches(data)) {
            throw new CorruptContentException("block hash mismatch: " + data.length + " bytes do not hash to " + cid);
        }
        return new Block(cid, data);
    }

    public Cid cid() {
        return cid;
    }

    /** The block's bytes, shared: do not modify. */
    public byte[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Block that && cid.equals(that.cid) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "Block{" + cid + ", " + data.length + " bytes}";
    }
}
