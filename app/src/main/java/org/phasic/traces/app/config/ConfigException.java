package org.phasic.traces.app.config;

/** A configuration value, key or profile the user gave is not acceptable; the CLI exits with code 2. */
public final class ConfigException extends RuntimeException {
    private final String hint;

    public ConfigException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do about it, or an empty string. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
