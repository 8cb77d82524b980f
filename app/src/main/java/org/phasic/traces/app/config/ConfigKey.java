package org.phasic.traces.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration setting: its dotted name, default, the values it accepts and whether it is a secret.
 *
 * @param name      dotted key as written in the config file, e.g. {@code registry.repo}
 * @param type      how the value is parsed and checked
 * @param defaultValue built-in default, or {@code null} when unset
 * @param allowed   for {@link Type#CHOICE} and {@link Type#CHOICE_LIST}, the accepted values
 * @param secret    masked whenever the configuration is shown
 * @param description one line for {@code config show} and the README
 * @param extraEnvironment further environment variables that set it (e.g. {@code GITHUB_TOKEN}), lowest first
 */
public record ConfigKey(String name, Type type, String defaultValue, List<String> allowed, boolean secret,
                        String description, List<String> extraEnvironment) {

    /** How a value is parsed. */
    public enum Type { STRING, BOOLEAN, INTEGER, DURATION, URL, CHOICE, CHOICE_LIST, LIST }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(description, "description");
        extraEnvironment = List.copyOf(extraEnvironment);
    }

    /** A plain key of the given type. */
    public static ConfigKey of(String name, Type type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, List.of(), false, description, List.of());
    }

    /** A key restricted to {@code allowed} values ({@link Type#CHOICE} or {@link Type#CHOICE_LIST}). */
    public static ConfigKey choice(String name, Type type, String defaultValue, List<String> allowed, String description) {
        return new ConfigKey(name, type, defaultValue, allowed, false, description, List.of());
    }

    /** A secret string, masked when shown. */
    public static ConfigKey secret(String name, String description, String... extraEnvironment) {
        return new ConfigKey(name, Type.STRING, null, List.of(), true, description, List.of(extraEnvironment));
    }

    /** This key, also set by the given environment variables (lowest precedence first). */
    public ConfigKey alsoFromEnvironment(String... variables) {
        return new ConfigKey(name, type, defaultValue, allowed, secret, description, List.of(variables));
    }

    /** This key accepting exactly {@code values}. */
    public ConfigKey withAllowed(List<String> values) {
        return new ConfigKey(name, type, defaultValue, values, secret, description, extraEnvironment);
    }

    /** The environment variable that sets this key: {@code PHASIC_TRACES_} + the name upper-cased, dots as underscores. */
    public String environmentVariable() {
        return "PHASIC_TRACES_" + name.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
