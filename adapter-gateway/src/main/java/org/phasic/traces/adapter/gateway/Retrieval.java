package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.BlockFeed;

/** One way of getting verified content from one gateway. */
interface Retrieval {

    /**
     * Fetches what is needed for {@code root/path} and checks it completely before returning: every block against
     * its CID, and that the blocks make the whole file (or DAG, for an empty path).
     *
     * @return a feed over the checked blocks (its consumer verifies them again)
     * @throws NotFoundAtGatewayException when the gateway does not have the content, or the path does not exist
     * @throws NotTrustlessException      when the gateway does not answer in this retrieval's format
     * @throws org.phasic.traces.domain.cid.ContentException when the gateway served bad content
     * @throws IOException                for transport failures and error statuses
     */
    BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException;

    /** The retrievals, most trustless first. */
    enum Mode {
        /** A CAR stream: one request. */
        CAR,
        /** Raw blocks, one request per block. */
        RAW,
        /** Deserialized files, accepted only if they re-import to the requested CID. */
        DESERIALIZED;

        /** The fallback after this one, if any. */
        Mode next() {
            return this == DESERIALIZED ? null : values()[ordinal() + 1];
        }
    }
}
