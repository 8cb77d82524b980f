package org.phasic.traces.adapter.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportedEntry;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * Re-imports deserialized bytes into UnixFS as {@code ipfs add} would, to learn whether they are the content a CID
 * names: a file's CID from its bytes, and a flat directory's CID from its files ({@link UnixFsImporter#importFiles}).
 * A match proves the bytes, since the CID is a hash over all of them.
 */
final class Reimport {
    private Reimport() {
    }

    /**
     * The profiles worth trying for content under {@code root}: {@code configured} first, then the Kubo, Kubo
     * CIDv1 and ipfs-car presets, keeping only those whose CID version is the root's.
     */
    static List<ImportProfile> candidates(ImportProfile configured, Cid root) {
        return Stream.concat(Stream.of(configured).filter(profile -> profile.cidVersion() == root.version()),
                ImportProfile.presetsFor(root.version()).stream()).distinct().toList();
    }

    static ImportedEntry file(byte[] bytes, ImportProfile profile, BlockSink sink) throws IOException {
        return new UnixFsImporter(profile, sink).importFile(new ByteArrayInputStream(bytes));
    }

    /** The directory holding {@code files} (name to bytes), its blocks and its files' blocks sent to {@code sink}. */
    static Cid directory(Map<String, byte[]> files, ImportProfile profile, BlockSink sink) throws IOException {
        return new UnixFsImporter(profile, sink).importFiles(files).root();
    }
}
