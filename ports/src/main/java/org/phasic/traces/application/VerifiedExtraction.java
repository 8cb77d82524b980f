package org.phasic.traces.application;

import java.io.IOException;
import java.io.OutputStream;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * Turns an untrusted {@link BlockFeed} into the verified bytes of one file inside a directory DAG: every
 * block is checked against the CID that links to it, starting from the registry's directory CID, so only
 * content that hashes to {@code root} can reach {@code out}.
 */
final class VerifiedExtraction {
    private VerifiedExtraction() {
    }

    /**
     * Streams {@code root/name} from {@code feed} to {@code out}.
     *
     * @param maxFileBytes the largest file accepted
     * @return the CID of the file (verified)
     * @throws org.phasic.traces.domain.cid.ContentException if the feed lacks a block, serves a bad one, or
     *     exceeds a limit
     */
    static Cid extract(Cid root, String name, BlockFeed feed, OutputStream out, long maxFileBytes) throws IOException {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS.withMaxTotalBytes(maxFileBytes));
        if (feed instanceof BlockFeed.Car car) {
            try (CarStreamBlockSource blocks = new CarStreamBlockSource(car.stream())) {
                return extract(reassembler, root, name, blocks, out);
            }
        }
        return extract(reassembler, root, name, ((BlockFeed.Lookup) feed).blocks(), out);
    }

    private static Cid extract(Reassembler reassembler, Cid root, String name, BlockSource blocks, OutputStream out)
            throws IOException {
        Cid file = reassembler.resolve(root, name, blocks);
        reassembler.writeFile(file, blocks, out);
        return file;
    }
}
