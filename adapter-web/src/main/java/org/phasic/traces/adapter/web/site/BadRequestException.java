package org.phasic.traces.adapter.web.site;

/** A request the site cannot answer as asked; its message, shown to the user, says why (status 400). */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
