package org.phasic.traces.domain.dag;

import java.io.IOException;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * A {@link BlockSource} that holds {@link Block}s. A block's bytes are known to hash to its CID (a {@code Block} is
 * only ever made by hashing its bytes), so a reader that gets back a block with the CID it asked for may use the
 * bytes without hashing them again; whatever else it gets, it verifies as from any source.
 */
public interface VerifiedBlockSource extends BlockSource {

    /**
     * @return the block held for {@code cid}, or empty if there is none
     * @throws IOException if the source failed
     */
    Optional<Block> block(Cid cid) throws IOException;

    @Override
    default Optional<byte[]> fetch(Cid cid) throws IOException {
        return block(cid).map(Block::data);
    }
}
