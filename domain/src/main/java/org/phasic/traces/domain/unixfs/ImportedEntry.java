package org.phasic.traces.domain.unixfs;

import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;

/**
 * One imported file or directory.
 *
 * @param path      '/'-separated path relative to the imported root; "" for the root itself
 * @param cid       its CID
 * @param directory whether it is a directory
 * @param size      file bytes (for a directory: the bytes of all files below it)
 * @param dagSize   cumulative size of its blocks (the Tsize a parent link records)
 */
public record ImportedEntry(String path, Cid cid, boolean directory, long size, long dagSize) {

    public ImportedEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cid, "cid");
    }
}
