package org.phasic.traces.adapter.gateway;

import org.phasic.traces.domain.cid.ContentLimitException;

/** The most bytes one retrieval may take from a gateway. */
final class ByteBudget {
    private final long limit;
    private final String what;
    private long used;

    ByteBudget(long limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    /** @throws ContentLimitException once more than the limit has been taken */
    synchronized void take(long count) {
        used += count;
        if (used > limit) {
            throw new ContentLimitException(what + " exceeds the limit of " + limit + " bytes");
        }
    }

    synchronized long used() {
        return used;
    }

    long limit() {
        return limit;
    }
}
