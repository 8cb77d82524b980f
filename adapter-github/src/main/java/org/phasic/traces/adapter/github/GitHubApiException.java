package org.phasic.traces.adapter.github;

import java.io.IOException;

/** GitHub answered a request with an error status; the message says what failed and what to do. */
public final class GitHubApiException extends IOException {
    private final int status;
    private final String apiMessage;

    GitHubApiException(int status, String apiMessage, String message) {
        super(message);
        this.status = status;
        this.apiMessage = apiMessage;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** GitHub's own {@code message} field, or empty. */
    public String apiMessage() {
        return apiMessage;
    }
}
