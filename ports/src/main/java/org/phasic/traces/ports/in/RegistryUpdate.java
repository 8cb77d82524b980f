package org.phasic.traces.ports.in;

import java.util.Objects;

/**
 * What a registry update did.
 *
 * @param outcome  what happened
 * @param traces   how many traces the registry now in effect has (the last good copy over the bundled registry)
 * @param message  one line for the user
 */
public record RegistryUpdate(Outcome outcome, int traces, String message) {
    /** What an update did. */
    public enum Outcome { UPDATED, NOT_MODIFIED, FAILED_KEPT_LAST_GOOD, OFFLINE }

    public RegistryUpdate {
        Objects.requireNonNull(outcome, "outcome");
        if (traces < 0) {
            throw new IllegalArgumentException("traces must not be negative: " + traces);
        }
        Objects.requireNonNull(message, "message");
    }
}
