package org.phasic.traces.ports.out;

/** A registry document is not valid JSON or not shaped as {@code registry.json}; the message names the JSON path. */
public final class RegistryFormatException extends RuntimeException {
    public RegistryFormatException(String message) {
        super(message);
    }

    public RegistryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
