package org.phasic.traces.adapter.ipfs.pinning;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.phasic.traces.adapter.ipfs.CidText;

/**
 * Which pin requests to list.
 *
 * @param cids     only these CIDs (at most 10; empty for any)
 * @param statuses only these statuses (the API's default is {@code pinned})
 * @param limit    at most this many results (1..1000)
 */
public record PinQuery(List<String> cids, Set<PinState> statuses, int limit) {

    public PinQuery {
        cids = List.copyOf(cids);
        cids.forEach(CidText::requireCid);
        if (cids.size() > 10) {
            throw new IllegalArgumentException("at most 10 CIDs per pin query, not " + cids.size());
        }
        Objects.requireNonNull(statuses, "statuses");
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a pin query needs at least one status");
        }
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("pin query limit must be 1..1000, not " + limit);
        }
    }

    /** Requests for {@code cid} in any status. */
    public static PinQuery byCid(String cid) {
        return new PinQuery(List.of(cid), EnumSet.allOf(PinState.class), 10);
    }

    /** Requests in the given statuses. */
    public static PinQuery byStatus(PinState first, PinState... more) {
        return new PinQuery(List.of(), EnumSet.of(first, more), 10);
    }
}
