package org.phasic.traces.adapter.ipfs.tar;

/**
 * Decides whether one name inside an archive path (a single directory entry name, never a whole
 * path) may become a file or folder name on disk. The domain's path-safety rules plug in here.
 */
@FunctionalInterface
public interface EntryNameCheck {

    /**
     * @param name one path segment from an archive entry, for example {@code trace.json.gz}
     * @throws IllegalArgumentException (or another runtime exception) saying why the name is refused
     */
    void requireSafe(String name);
}
