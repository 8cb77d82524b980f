package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;

/**
 * A resolved {@code /ipfs/{root}/{path}} of the store's proven content.
 *
 * @param root    the CID the request named
 * @param path    the blocks from {@code root} down to the terminal's parent, in order (empty without a path)
 * @param target  the terminal CID
 * @param kind    what the terminal is
 * @param size    file bytes (a file), the block's bytes (a raw block), or the bytes of all files below (a directory)
 * @param entries a directory's entries in stored order (empty otherwise)
 */
public record ServedContent(Cid root, List<Cid> path, Cid target, Kind kind, long size, List<Entry> entries) {
    public ServedContent {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        path = List.copyOf(path);
        entries = List.copyOf(entries);
    }

    /** What a served CID is. */
    public enum Kind {
        /** A UnixFS file (or a raw leaf, whose bytes are the file). */
        FILE,
        /** A UnixFS directory. */
        DIRECTORY
    }

    /**
     * One entry of a directory.
     *
     * @param name      its name (untrusted text: escape it before rendering)
     * @param cid       its CID
     * @param directory whether it is a directory
     * @param size      its file bytes (all files below, for a directory)
     */
    public record Entry(String name, Cid cid, boolean directory, long size) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cid, "cid");
        }
    }
}
