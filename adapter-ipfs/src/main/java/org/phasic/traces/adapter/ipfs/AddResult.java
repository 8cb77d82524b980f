package org.phasic.traces.adapter.ipfs;

import java.util.List;
import java.util.Objects;

/**
 * What {@code add} produced.
 *
 * @param root    the entry for the file or directory that was added (or the wrapping directory)
 * @param entries every entry the API reported, in its order
 */
public record AddResult(AddedEntry root, List<AddedEntry> entries) {

    public AddResult {
        Objects.requireNonNull(root, "root");
        entries = List.copyOf(entries);
    }

    /** The root's CID. */
    public String rootCid() {
        return root.cid();
    }
}
