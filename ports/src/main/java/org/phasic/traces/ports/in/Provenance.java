package org.phasic.traces.ports.in;

import java.util.Objects;

/**
 * Where a verified trace came from in this call.
 *
 * @param kind the kind of source
 * @param name the source's name for messages, e.g. {@code local store}, {@code bundled library}, {@code gateway https://ipfs.io}
 */
public record Provenance(Kind kind, String name) {
    /** The local store: nothing was fetched. */
    public static final Provenance STORE = new Provenance(Kind.STORE, "local store");

    /** Kinds of sources, in fetch-chain order after the store. */
    public enum Kind { STORE, BUNDLE, MIRROR, DAEMON, GATEWAY }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** Whether the local store had it (no fetch). */
    public boolean fromStore() {
        return kind == Kind.STORE;
    }

    @Override
    public String toString() {
        return name;
    }
}
