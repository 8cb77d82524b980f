package org.phasic.traces.domain.registry;

import java.util.Objects;

/**
 * One problem found in a registry.
 *
 * @param jsonPath where, JSONPath-style ({@code $.traces.coalescent_n5_theta1.files['trace.json.gz'].cid})
 * @param message  what is wrong there
 */
public record RegistryDefect(String jsonPath, String message) {
    public RegistryDefect {
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return jsonPath + ": " + message;
    }
}
