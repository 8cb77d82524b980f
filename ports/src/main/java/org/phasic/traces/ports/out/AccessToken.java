package org.phasic.traces.ports.out;

import java.util.Objects;

/**
 * A secret credential (such as a GitHub token). It never appears in {@link #toString()}, and adapters send it only
 * to the host it is meant for.
 */
public final class AccessToken {
    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /**
     * Wraps {@code value}.
     *
     * @throws IllegalArgumentException when it is blank or contains anything but printable ASCII (which would
     *                                  break or forge an HTTP header)
     */
    public static AccessToken of(String value) {
        Objects.requireNonNull(value, "token");
        if (value.isBlank() || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("invalid access token: it is empty or contains spaces, control or non-ASCII characters");
        }
        return new AccessToken(value);
    }

    /** The secret itself, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the secret masked. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "AccessToken[****]";
    }
}
