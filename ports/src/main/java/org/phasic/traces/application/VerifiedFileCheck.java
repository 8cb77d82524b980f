package org.phasic.traces.application;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/** Reads one file of a directory from a single source, verified against the directory CID, and checks its SHA-256. */
final class VerifiedFileCheck {
    /** What the source served. */
    enum Outcome {
        /** Verified bytes matching the checksum. */
        MATCHES,
        /** The source does not have the directory. */
        MISSING,
        /** Bytes that match the CID but not the checksum. */
        CHECKSUM_MISMATCH
    }

    private VerifiedFileCheck() {
    }

    /**
     * @throws org.phasic.traces.domain.cid.ContentException when the blocks do not verify or exceed {@code maxFileBytes}
     * @throws IOException                                   when the source fails
     */
    static Outcome check(ContentSource source, Cid root, String path, Checksum expected, long maxFileBytes) throws IOException {
        Optional<BlockFeed> feed = source.open(root, path);
        if (feed.isEmpty()) {
            return Outcome.MISSING;
        }
        try (BlockFeed opened = feed.get(); BlockReader blocks = BlockReader.of(opened)) {
            return matches(root, path, blocks.source(), expected, maxFileBytes) ? Outcome.MATCHES : Outcome.CHECKSUM_MISMATCH;
        }
    }

    /**
     * Whether the file {@code root/path}, verified block by block, has the SHA-256 {@code expected}.
     *
     * @throws org.phasic.traces.domain.cid.ContentException when a block is absent or does not verify, or the file
     *                                                       exceeds {@code maxFileBytes}
     * @throws IOException                                   when {@code blocks} fails
     */
    static boolean matches(Cid root, String path, BlockSource blocks, Checksum expected, long maxFileBytes) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            VerifiedExtraction.extract(root, path, blocks, out, maxFileBytes);
        }
        return expected.matches(digest.digest());
    }
}
