package org.phasic.traces.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One configuration setting, as its owner (an adapter's settings record or a plugin) declares it: its dotted name, default, the values it accepts and whether it is a secret.
 *
 * @param name      dotted key as written in the config file, e.g. {@code registry.repo}
 * @param type      how the value is parsed and checked
 * @param defaultValue built-in default, or {@code null} when unset
 * @param allowed   for {@link Type#CHOICE} and {@link Type#CHOICE_LIST}, the accepted values
 * @param secret    masked whenever the configuration is shown
 * @param description one line for {@code config show} and the README
 * @param extraEnvironment further environment variables that set it (e.g. {@code GITHUB_TOKEN}), lowest first
 * @param check     what a value must also satisfy beyond its type, checked whenever the configuration is read
 */
public record ConfigKey(String name, Type type, String defaultValue, List<String> allowed, boolean secret,
                        String description, List<String> extraEnvironment, Check check) {

    /** How a value is parsed. */
    public enum Type {
        STRING, BOOLEAN, INTEGER,
        /** A number of bytes, written plain ({@code 268435456}) or with a binary unit ({@code 256MiB}, {@code 4GiB}). */
        SIZE,
        DURATION, URL, CHOICE, CHOICE_LIST, LIST
    }

    /**
     * A rule a value must satisfy beyond its type, e.g. a range or a name pattern.
     *
     * @param accepts whether a value (normalized for its type: integers as digits, durations as {@code 250ms} or
     *                {@code 10s}, lists comma-separated) is acceptable
     * @param allowed what is allowed, for messages, e.g. {@code a whole number from 1 to 64}; two checks saying the
     *                same are equal (keys declared by several plugins are compared)
     */
    public record Check(Predicate<String> accepts, String allowed) {
        /** Accepts every value of the type. */
        public static final Check NONE = new Check(value -> true, "");

        public Check {
            Objects.requireNonNull(accepts, "accepts");
            Objects.requireNonNull(allowed, "allowed");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Check that && allowed.equals(that.allowed);
        }

        @Override
        public int hashCode() {
            return allowed.hashCode();
        }

        /** Accepts what {@code validator} takes without throwing {@link IllegalArgumentException}. */
        public static Check by(Consumer<String> validator, String allowed) {
            Objects.requireNonNull(validator, "validator");
            return new Check(value -> {
                try {
                    validator.accept(value);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }, allowed);
        }

        /** For {@link Type#INTEGER} keys: a whole number from {@code min} to {@code max}. */
        public static Check range(long min, long max) {
            return new Check(value -> {
                try {
                    long parsed = Long.parseLong(value);
                    return parsed >= min && parsed <= max;
                } catch (NumberFormatException e) {
                    return false;
                }
            }, "a whole number from " + min + " to " + max);
        }

        /** For {@link Type#SIZE} keys: from {@code min} to {@code max} bytes. */
        public static Check sizeRange(long min, long max) {
            Check numbers = range(min, max);
            return new Check(numbers.accepts(), "a size from " + sizeText(min) + " to " + sizeText(max)
                    + " (bytes, or with KiB, MiB, GiB or TiB, e.g. 256MiB)");
        }

        /** {@code bytes} exactly: in the largest binary unit that divides it, else in bytes. */
        private static String sizeText(long bytes) {
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            for (int unit = units.length; unit > 0; unit--) {
                long scale = 1L << (10 * unit);
                if (bytes != 0 && bytes % scale == 0) {
                    return bytes / scale + " " + units[unit - 1];
                }
            }
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }

        /** For {@link Type#DURATION} keys: more than zero. */
        public static Check positiveDuration() {
            return new Check(value -> value.chars().anyMatch(c -> c >= '1' && c <= '9'), "a duration above zero, e.g. 10s");
        }
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(description, "description");
        extraEnvironment = List.copyOf(extraEnvironment);
        Objects.requireNonNull(check, "check");
    }

    /** A plain key of the given type. */
    public static ConfigKey of(String name, Type type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, List.of(), false, description, List.of(), Check.NONE);
    }

    /** A {@link Type#DURATION} key whose default is {@code defaultValue}, written as {@link #format(Duration)} does. */
    public static ConfigKey duration(String name, Duration defaultValue, String description) {
        return of(name, Type.DURATION, format(defaultValue), description);
    }

    /** An {@link Type#INTEGER} key with a default. */
    public static ConfigKey integer(String name, int defaultValue, String description) {
        return of(name, Type.INTEGER, Integer.toString(defaultValue), description);
    }

    /** A {@link Type#SIZE} key with a default, in bytes. */
    public static ConfigKey size(String name, long defaultValue, String description) {
        return of(name, Type.SIZE, Long.toString(defaultValue), description);
    }

    /** A {@link Type#BOOLEAN} key with a default. */
    public static ConfigKey bool(String name, boolean defaultValue, String description) {
        return of(name, Type.BOOLEAN, Boolean.toString(defaultValue), description);
    }

    /** A {@link Type#LIST} key with a default (comma-separated). */
    public static ConfigKey list(String name, List<String> defaultValue, String description) {
        return of(name, Type.LIST, String.join(",", defaultValue), description);
    }

    /** A duration as people write it: whole hours as {@code 24h}, whole seconds as {@code 30s}, else {@code 1500ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1_000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1_000;
        return seconds != 0 && seconds % 3_600 == 0 ? (seconds / 3_600) + "h" : seconds + "s";
    }

    /** A key restricted to {@code allowed} values ({@link Type#CHOICE} or {@link Type#CHOICE_LIST}). */
    public static ConfigKey choice(String name, Type type, String defaultValue, List<String> allowed, String description) {
        return new ConfigKey(name, type, defaultValue, allowed, false, description, List.of(), Check.NONE);
    }

    /** A secret string, masked when shown. */
    public static ConfigKey secret(String name, String description, String... extraEnvironment) {
        return new ConfigKey(name, Type.STRING, null, List.of(), true, description, List.of(extraEnvironment), Check.NONE);
    }

    /** This key, also set by the given environment variables (lowest precedence first). */
    public ConfigKey alsoFromEnvironment(String... variables) {
        return new ConfigKey(name, type, defaultValue, allowed, secret, description, List.of(variables), check);
    }

    /** This key accepting exactly {@code values}. */
    public ConfigKey withAllowed(List<String> values) {
        return new ConfigKey(name, type, defaultValue, values, secret, description, extraEnvironment, check);
    }

    /** This key, its values also checked by {@code rule}. */
    public ConfigKey withCheck(Check rule) {
        return new ConfigKey(name, type, defaultValue, allowed, secret, description, extraEnvironment, rule);
    }

    /** The environment variable that sets this key: {@code PHASIC_TRACES_} + the name upper-cased, dots as underscores. */
    public String environmentVariable() {
        return "PHASIC_TRACES_" + name.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
