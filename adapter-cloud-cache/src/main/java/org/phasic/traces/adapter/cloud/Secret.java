package org.phasic.traces.adapter.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential value (access key, secret key, key-file contents). Its {@link #toString()} is
 * always {@value #REDACTED}, so it can sit in settings records that get printed or logged.
 */
public final class Secret {

    /** What a secret prints as. */
    public static final String REDACTED = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret; must not be blank
     * @throws IllegalArgumentException if blank (the message does not echo the value)
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /** @return the secret itself; hand it only to the client library that needs it */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
