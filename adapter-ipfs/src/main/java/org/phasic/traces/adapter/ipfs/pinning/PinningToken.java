package org.phasic.traces.adapter.ipfs.pinning;

import java.util.Objects;

/** A Pinning Service API access token. Its value is never part of {@link #toString()} or any message. */
public final class PinningToken {

    private final String value;

    private PinningToken(String value) {
        this.value = value;
    }

    /**
     * @param value the bearer token (printable ASCII without spaces)
     * @throws IllegalArgumentException if it is blank or has characters a header cannot carry (the value is not echoed)
     */
    public static PinningToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("pinning service token must be non-empty printable ASCII without "
                    + "spaces (" + value.length() + " characters given)");
        }
        return new PinningToken(value);
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "PinningToken[redacted]";
    }
}
