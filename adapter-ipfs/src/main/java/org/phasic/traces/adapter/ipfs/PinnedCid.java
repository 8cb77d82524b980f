package org.phasic.traces.adapter.ipfs;

import java.util.Objects;

/**
 * A local pin as {@code pin/ls} reports it.
 *
 * @param cid  the pinned CID, in the base the API chose
 * @param type recursive, direct or indirect
 */
public record PinnedCid(String cid, String type) {

    public PinnedCid {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(type, "type");
    }
}
