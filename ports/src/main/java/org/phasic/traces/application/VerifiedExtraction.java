package org.phasic.traces.application;

import java.io.IOException;
import java.io.OutputStream;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * Turns untrusted blocks (from a {@link BlockFeed}) into the verified bytes of one file inside a directory DAG: every
 * block is checked against the CID that links to it, starting from the registry's directory CID, so only
 * content that hashes to {@code root} can reach {@code out}.
 */
final class VerifiedExtraction {
    private VerifiedExtraction() {
    }

    /**
     * Streams {@code root/name} from {@code blocks} to {@code out}.
     *
     * @param maxFileBytes the largest file accepted
     * @return the CID of the file (verified)
     * @throws org.phasic.traces.domain.cid.ContentException if the blocks lack one, hold a bad one, or exceed a limit
     */
    static Cid extract(Cid root, String name, BlockSource blocks, OutputStream out, long maxFileBytes) throws IOException {
        return extract(new Reassembler(ReassemblyLimits.DEFAULTS.withMaxTotalBytes(maxFileBytes)), root, name, blocks, out);
    }

    /** {@link #extract(Cid, String, BlockSource, OutputStream, long)} over the blocks of {@code feed}. */
    static Cid extract(Cid root, String name, BlockFeed feed, OutputStream out, long maxFileBytes) throws IOException {
        try (BlockReader blocks = BlockReader.of(feed)) {
            return extract(root, name, blocks.source(), out, maxFileBytes);
        }
    }

    private static Cid extract(Reassembler reassembler, Cid root, String name, BlockSource blocks, OutputStream out)
            throws IOException {
        Cid file = reassembler.resolve(root, name, blocks);
        reassembler.writeFile(file, blocks, out);
        return file;
    }
}
