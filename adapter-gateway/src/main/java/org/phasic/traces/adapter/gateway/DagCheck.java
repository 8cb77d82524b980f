package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;

/** The check a retrieval makes before its content may win: the whole file (or DAG) reassembles, verified. */
final class DagCheck {
    private final ReassemblyLimits limits;

    DagCheck(ReassemblyLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    ReassemblyLimits limits() {
        return limits;
    }

    /**
     * Walks {@code root/path} and everything below it over {@code blocks}, verifying every block, writing nothing.
     *
     * @param known what was received, to tell an absent path entry (its directory was received) from a missing block
     * @param from  the gateway, for messages
     * @return the CID {@code path} resolves to
     * @throws NotFoundAtGatewayException when the root or the path entry does not exist
     * @throws ContentNotFoundException   when a block is missing (incomplete content)
     */
    Cid requireComplete(Cid root, ContentPath path, BlockSource blocks, BlockSource known, String from)
            throws IOException {
        Reassembler reassembler = new Reassembler(limits);
        try {
            Cid entity = path.isRoot() ? root : reassembler.resolve(root, path.toString(), blocks);
            reassembler.verifyTree(entity, blocks);
            return entity;
        } catch (ContentNotFoundException e) {
            if (root.equals(e.cid()) && known.fetch(root).isEmpty()) {
                throw new NotFoundAtGatewayException(from + " does not have " + root);
            }
            if (known.fetch(e.cid()).isPresent()) {
                throw new NotFoundAtGatewayException(from + ": " + e.getMessage());
            }
            throw new ContentNotFoundException("incomplete content from " + from + ": " + e.getMessage(), e.cid());
        }
    }
}
