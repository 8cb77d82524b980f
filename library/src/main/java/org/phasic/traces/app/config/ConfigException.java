package org.phasic.traces.app.config;

import org.phasic.traces.spi.InvalidSettingsException;

/** A configuration value, key or profile the user gave is not acceptable; the CLI exits with code 2. */
public final class ConfigException extends InvalidSettingsException {

    public ConfigException(String message, String hint) {
        super(message, hint);
    }

    /** {@code failure} (a plugin's or an adapter's) as a configuration error with the same message and hint. */
    public static ConfigException of(InvalidSettingsException failure) {
        if (failure instanceof ConfigException config) {
            return config;
        }
        ConfigException converted = new ConfigException(failure.getMessage(), failure.hint());
        converted.initCause(failure);
        return converted;
    }
}
