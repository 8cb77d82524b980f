package org.phasic.traces.domain.unixfs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * The outcome of importing a file or a directory tree.
 *
 * @param root    the root CID
 * @param entries every file and directory, parents after their children, the root last (path "")
 */
public record ImportResult(Cid root, List<ImportedEntry> entries) {

    public ImportResult {
        Objects.requireNonNull(root, "root");
        entries = List.copyOf(entries);
    }

    public ImportedEntry rootEntry() {
        return entries.get(entries.size() - 1);
    }

    /** The entry at a '/'-separated path relative to the root ("" for the root). */
    public Optional<ImportedEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
