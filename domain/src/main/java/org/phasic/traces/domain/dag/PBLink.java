package org.phasic.traces.domain.dag;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;

/**
 * A dag-pb link. {@code name} and {@code tsize} are optional in the format ({@code null} when absent);
 * Kubo and ipfs-car always write both, with an empty name for file chunks.
 *
 * @param hash  the linked block
 * @param name  the entry name (untrusted when decoded), or null
 * @param tsize cumulative size of the linked DAG in bytes, or null
 */
public record PBLink(Cid hash, String name, Long tsize) {

    public PBLink {
        Objects.requireNonNull(hash, "hash");
        if (tsize != null && tsize < 0) {
            throw new IllegalArgumentException("tsize must not be negative: " + tsize);
        }
    }

    /** A link with a name and a cumulative size, as importers write them. */
    public static PBLink of(Cid hash, String name, long tsize) {
        return new PBLink(hash, Objects.requireNonNull(name, "name"), tsize);
    }

    byte[] nameBytes() {
        return name == null ? null : name.getBytes(StandardCharsets.UTF_8);
    }
}
