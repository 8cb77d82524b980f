package org.phasic.traces.domain.dag;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.phasic.traces.domain.cid.Cid;

/**
 * Fetches one block by CID from somewhere (a gateway, a daemon, a CAR, a store). Untrusted: the bytes
 * returned are only what the source claims; consumers such as the reassembler verify them against the
 * CID before using them.
 */
@FunctionalInterface
public interface BlockSource {

    /**
     * @return the bytes the source holds for {@code cid}, or empty if it does not have the block
     * @throws IOException if the source failed (network, disk); "absent" is an empty result, not an error
     */
    Optional<byte[]> fetch(Cid cid) throws IOException;

    /**
     * Where this source read the block for {@code cid}, for error messages: for a CAR, the byte offset of its
     * section. Empty by default.
     */
    default OptionalLong offsetOf(Cid cid) {
        return OptionalLong.empty();
    }

    /**
     * Whether this source itself has hashed {@code data}, the very array its latest {@link #fetch} returned for
     * {@code cid}, and found that it hashes to {@code cid}, so that the consumer need not hash it again (a CAR
     * reader that hashes ahead of the consumer on other threads does). False by default: the consumer verifies.
     */
    default boolean hasVerified(Cid cid, byte[] data) {
        return false;
    }
}
