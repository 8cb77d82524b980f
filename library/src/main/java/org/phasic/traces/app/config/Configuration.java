package org.phasic.traces.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * The one effective configuration: every known key with its value and where the value came from
 * (built-in default &lt; config file &lt; environment &lt; command-line flag).
 */
public final class Configuration implements Settings {
    /** Key whose value is the home folder. */
    public static final String HOME = "home";
    /** Key whose value lists the active profiles. */
    public static final String PROFILE = "profile";

    /**
     * One setting of the effective configuration.
     *
     * @param key    the setting
     * @param value  its normalized value, or {@code null} when unset
     * @param origin where it came from: {@code default}, {@code file <path>}, {@code env NAME} or {@code flag --x}
     */
    public record Entry(ConfigKey key, String value, String origin) {
        /** The key's dotted name. */
        public String name() {
            return key.name();
        }

        /** The value as it may be shown to a user: secrets masked. */
        public String shown() {
            if (value == null) {
                return "";
            }
            return key.secret() ? "****" : value;
        }
    }

    private final Map<String, Entry> entries;

    Configuration(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** All settings in catalog order. */
    public Collection<Entry> entries() {
        return entries.values();
    }

    @Override
    public List<ConfigKey> keys() {
        return entries.values().stream().map(Entry::key).toList();
    }

    /** The setting named {@code key}; unknown keys are a programming error. */
    public Entry entry(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalArgumentException("unknown configuration key " + key);
        }
        return entry;
    }

    /** The value of {@code key}, empty when unset. */
    @Override
    public Optional<String> find(String key) {
        return Optional.ofNullable(entry(key).value()).filter(value -> !value.isEmpty());
    }

    /** The value of {@code key}; a {@link ConfigException} naming the key when it is unset. */
    @Override
    public String require(String key) {
        return find(key).orElseThrow(() -> new ConfigException(key + " is not set",
                "set it in the config file, with " + entry(key).key().environmentVariable() + " or with --set " + key + "=..."));
    }

    @Override
    public boolean flag(String key) {
        return find(key).map(Boolean::parseBoolean).orElse(false);
    }

    @Override
    public int integer(String key) {
        return Integer.parseInt(require(key));
    }

    @Override
    public long size(String key) {
        return Long.parseLong(require(key));
    }

    @Override
    public Duration duration(String key) {
        Entry entry = entry(key);
        return ValueParser.parseDuration(entry.key(), require(key), entry.origin());
    }

    @Override
    public List<String> list(String key) {
        return find(key).map(ValueParser::splitList).orElse(List.of());
    }

    /** The home folder (store, config file, last good registry, logs). */
    @Override
    public Path home() {
        return Path.of(require(HOME));
    }

    /** Active profile names, in the order given. */
    @Override
    public List<String> profiles() {
        return list(PROFILE);
    }

    /** This configuration with {@code key} set as if by a flag (used by programmatic clients such as the facade). */
    public Configuration with(String key, String value, String origin) {
        Entry current = entry(key);
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(key, new Entry(current.key(), ValueParser.normalize(current.key(), value, origin), origin));
        return new Configuration(copy);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Configuration{");
        entries.values().forEach(e -> text.append(e.key().name()).append('=').append(e.shown()).append(", "));
        return text.append('}').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Configuration that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }
}
