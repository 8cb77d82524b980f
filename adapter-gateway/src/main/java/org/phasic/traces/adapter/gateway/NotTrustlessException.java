package org.phasic.traces.adapter.gateway;

import java.io.IOException;

/** A gateway answered a trustless request (CAR or raw block) with another format, e.g. the deserialized file. */
final class NotTrustlessException extends IOException {
    private static final long serialVersionUID = 1L;

    NotTrustlessException(String message) {
        super(message);
    }
}
