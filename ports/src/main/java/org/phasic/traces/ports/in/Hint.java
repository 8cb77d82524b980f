package org.phasic.traces.ports.in;

import java.util.Objects;

/**
 * What the user can do about a failure, in neutral terms: each driver renders it in its own words (the CLI names
 * commands and flags, the Java facade names methods).
 *
 * @param kind    what to do
 * @param subject what it is about (a trace id, a file, a setting), or empty
 */
public record Hint(Kind kind, String subject) {
    /** No advice. */
    public static final Hint NONE = new Hint(Kind.NONE, "");

    /** The things a user can be asked to do. */
    public enum Kind {
        /** Nothing to suggest. */
        NONE,
        /** Look at the ids the registry has. */
        LIST_TRACES,
        /** Only bundled and previously fetched registries are known while offline; look at the ids they have. */
        LIST_TRACES_OFFLINE,
        /** Work online: the operation needs the network. */
        GO_ONLINE,
        /** Check the network, or use another source (a local IPFS node, a private mirror). */
        CHECK_NETWORK_OR_OTHER_SOURCE,
        /** Check a registry entry's CID and checksum, and that someone serves the content. */
        CHECK_ENTRY,
        /** Publish under another id, or as a new version of the existing one ({@link #subject()}: the id). */
        ANOTHER_ID_OR_NEW_VERSION,
        /** Give the missing metadata. */
        GIVE_METADATA,
        /** Fix the metadata so the registry entry is valid. */
        FIX_METADATA,
        /** The file is not an elimination trace; check it ({@link #subject()}: what was read). */
        CHECK_TRACE_FILE,
        /** The content is already published; change the trace or metadata for a new version. */
        NOTHING_TO_PUBLISH,
        /** Check that the content can be fetched back needs a network source; use one, or skip the check. */
        USE_GATEWAY_OR_SKIP_RETRIEVABILITY_CHECK,
        /** Keep a node that holds the content online, wait a few minutes and try again. */
        KEEP_CONTENT_ONLINE,
        /** Fetch the trace into the local store first ({@link #subject()}: the id). */
        GET_FIRST,
        /** Configure a private mirror (an s3 or gcs bucket). */
        CONFIGURE_MIRROR,
        /** Several private mirrors are active; use one ({@link #subject()}: their names). */
        CHOOSE_ONE_MIRROR,
        /** Remove the damaged store entries reported; the next get fetches them again. */
        FIX_STORE,
        /** Install an IPFS node, or point at a running one. */
        INSTALL_OR_POINT_AT_IPFS,
        /** Check the input named by {@link #subject()}. */
        CHECK_INPUT,
        /** Files exist already; ask again allowing them to be replaced. */
        OVERWRITE,
        /** Look at the ids the local store holds. */
        LIST_STORED
    }

    public Hint {
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
    }

    /** A hint without subject. */
    public static Hint of(Kind kind) {
        return new Hint(kind, "");
    }

    /** A hint about {@code subject}. */
    public static Hint of(Kind kind, String subject) {
        return new Hint(kind, subject);
    }

    /** Whether there is advice. */
    public boolean present() {
        return kind != Kind.NONE;
    }
}
