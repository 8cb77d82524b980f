package org.phasic.traces.app.config;

import java.util.Optional;
import org.phasic.traces.spi.InvalidSettingsException;

/** A configuration value, key or profile the user gave is not acceptable; the CLI exits with code 2. */
public final class ConfigException extends InvalidSettingsException {

    public ConfigException(String message, String hint) {
        super(message, hint);
    }

    /** The first setting problem in {@code failure}'s cause chain (a plugin's or an adapter's too), as a configuration error. */
    public static Optional<ConfigException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingsException settings) {
                return Optional.of(of(settings));
            }
        }
        return Optional.empty();
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
