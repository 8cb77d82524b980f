package org.phasic.traces.adapter.ipfs.pinning;

import java.io.IOException;
import java.util.OptionalInt;

/** A Pinning Service API call failed, or a pin request ended as {@code failed} or not in time. */
public final class PinningServiceException extends IOException {

    private final Integer httpStatus;

    public PinningServiceException(String message, Integer httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status when the service answered with an error status (401 for a bad token). */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
