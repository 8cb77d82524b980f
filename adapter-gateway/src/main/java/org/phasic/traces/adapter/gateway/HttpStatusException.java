package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A gateway answered with an HTTP error status. */
final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Optional<Duration> retryAfter;

    HttpStatusException(String message, int status, Optional<Duration> retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** 429 and 5xx except 501: worth another try later. */
    boolean retryable() {
        return status == 429 || (status >= 500 && status != 501);
    }

    /** What the {@code Retry-After} header asked for, if anything. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Statuses by which a gateway says it does not serve this response format. */
    boolean formatUnsupported() {
        return status == 400 || status == 406 || status == 415 || status == 501;
    }
}
