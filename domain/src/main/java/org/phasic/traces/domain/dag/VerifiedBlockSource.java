package org.phasic.traces.domain.dag;

import java.io.IOException;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * A {@link BlockSource} that holds {@link Block}s. A block's bytes are known to hash to its CID (a {@code Block} is
 * only ever made by hashing its bytes), so the bytes {@link #fetch} returns for a CID are
 * {@linkplain #hasVerified verified} when they are the very array of the block held under that CID; whatever else a
 * reader gets, it verifies as from any source.
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

    /** True when {@code data} is the very array of the block held for {@code cid}, and that block has that CID. */
    @Override
    default boolean hasVerified(Cid cid, byte[] data) {
        try {
            return block(cid).filter(held -> held.cid().equals(cid) && held.data() == data).isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
