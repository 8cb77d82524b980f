package org.phasic.traces.ports.in;

import java.util.Objects;
import org.phasic.traces.domain.registry.Registry;

/**
 * What a registry update did.
 *
 * @param outcome  what happened
 * @param registry the registry now in effect
 * @param message  one line for the user
 */
public record RegistryUpdate(Outcome outcome, Registry registry, String message) {
    /** What an update did. */
    public enum Outcome { UPDATED, NOT_MODIFIED, FAILED_KEPT_LAST_GOOD, OFFLINE }

    public RegistryUpdate {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(message, "message");
    }
}
