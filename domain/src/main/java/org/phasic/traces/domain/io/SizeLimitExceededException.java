package org.phasic.traces.domain.io;

import java.io.IOException;

/** Thrown when a stream yields more bytes than its configured limit (for example a gzip bomb). */
public final class SizeLimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public SizeLimitExceededException(String what, long limit) {
        super(what + " exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
