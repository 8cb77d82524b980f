package org.phasic.traces.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the effective configuration (built-in defaults &lt; config file &lt; environment &lt;
 * command-line flags): typed getters by key for every declared key, built-in and plugin ones. Values are already
 * checked against their {@link ConfigKey}; asking for an undeclared key is a programming error
 * ({@link IllegalArgumentException}).
 */
public interface Settings {

    /** The value of {@code key}, empty when unset or blank. */
    Optional<String> find(String key);

    /**
     * The value of {@code key}.
     *
     * @throws InvalidSettingsException naming the key and how to set it when it is unset
     */
    String require(String key);

    /** A {@link ConfigKey.Type#BOOLEAN} value; {@code false} when unset. */
    boolean flag(String key);

    /** An {@link ConfigKey.Type#INTEGER} value. */
    int integer(String key);

    /** A {@link ConfigKey.Type#SIZE} value, in bytes. */
    long size(String key);

    /** A {@link ConfigKey.Type#DURATION} value. */
    Duration duration(String key);

    /** A {@link ConfigKey.Type#LIST} value, empty when unset. */
    List<String> list(String key);

    /** The home folder (store, config file, last good registry). */
    Path home();

    /** The active profile names, in the order given. */
    List<String> profiles();

    /** Every declared key, with its default, in catalog order. */
    List<ConfigKey> keys();
}
