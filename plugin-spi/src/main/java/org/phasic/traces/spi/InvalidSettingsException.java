package org.phasic.traces.spi;

/**
 * A setting is missing or not acceptable. Drivers show the message and the hint (the CLI exits with its
 * configuration-error code), so both should name the key.
 */
public class InvalidSettingsException extends RuntimeException {
    private final String hint;

    /**
     * @param message what is wrong, naming the key
     * @param hint    what the user can do about it, or {@code null}
     */
    public InvalidSettingsException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do about it, or an empty string. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
