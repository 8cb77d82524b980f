package org.phasic.traces.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.domain.unixfs.UnixFsData;

/**
 * Which files of a trace directory the fetch chain stages, read from the directory's own (untrusted, hash-checked) root
 * block: every entry, in the directory's order, when the extra entries (all but the known files) are few and small
 * enough and every name is a safe, unique single path segment; otherwise the known files alone. An entry that turns out
 * not to be a file is found while it is extracted (the caller then drops the extra files).
 */
final class DirectoryEntries {
    private DirectoryEntries() {
    }

    /**
     * @param known the files always staged (when the directory has them), e.g. {@code trace.json.gz}
     * @return the names to stage, in the order the directory lists them, the known ones it lacks last
     */
    static List<String> toStage(Cid root, BlockSource blocks, List<String> known, int maxExtraFiles, long maxExtraBytes)
            throws IOException {
        List<String> names = listed(root, blocks, known, maxExtraFiles, maxExtraBytes).orElseGet(ArrayList::new);
        known.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    /** The directory's entry names when its extra entries are within the bounds; empty otherwise. */
    private static Optional<List<String>> listed(Cid root, BlockSource blocks, List<String> known, int maxExtraFiles,
                                                 long maxExtraBytes) throws IOException {
        if (root.codec() != Multicodec.DAG_PB) {
            return Optional.empty();
        }
        List<PBLink> links;
        try {
            Optional<byte[]> block = blocks.fetch(root);
            if (block.isEmpty() || !root.matches(block.get())) {
                return Optional.empty();
            }
            PBNode node = PBNode.decode(block.get());
            if (node.decodeData(UnixFsData::decode).type() != UnixFsData.Type.DIRECTORY) {
                return Optional.empty();
            }
            links = node.links();
        } catch (ContentException unreadable) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(links.size());
        Set<String> seen = new HashSet<>();
        int extraFiles = 0;
        long extraBytes = 0;
        for (PBLink link : links) {
            String name = link.name();
            if (name == null || !SafePaths.isSafeName(name) || !seen.add(name)) {
                return Optional.empty();
            }
            if (!known.contains(name)) {
                extraFiles++;
                extraBytes += link.tsize() == null ? 0 : link.tsize();
            }
            names.add(name);
        }
        return extraFiles <= maxExtraFiles && extraBytes <= maxExtraBytes ? Optional.of(names) : Optional.empty();
    }
}
