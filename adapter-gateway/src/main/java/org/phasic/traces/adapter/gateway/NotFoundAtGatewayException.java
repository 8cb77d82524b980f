package org.phasic.traces.adapter.gateway;

import java.io.IOException;

/** A gateway answered 404 or 410: it does not have the content. */
final class NotFoundAtGatewayException extends IOException {
    private static final long serialVersionUID = 1L;

    NotFoundAtGatewayException(String message) {
        super(message);
    }
}
