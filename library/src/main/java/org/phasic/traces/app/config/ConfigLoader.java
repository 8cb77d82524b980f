package org.phasic.traces.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.spi.ConfigKey;

/**
 * Builds the effective {@link Configuration} from four layers, lowest precedence first: built-in defaults,
 * {@code <home>/config.yaml}, environment variables, command-line flags. Unknown keys and bad values are
 * {@link ConfigException}s naming the key, the value, where it came from and what is allowed.
 */
public final class ConfigLoader {
    /** The config file's name inside the home folder. */
    public static final String CONFIG_FILE = "config.yaml";

    private final List<ConfigKey> catalog;
    private final Map<String, String> environment;
    private final Path userHome;

    /**
     * @param catalog     every known key (built-in and plugin keys)
     * @param environment the process environment (injected so tests do not depend on the real one)
     * @param userHome    the user's home folder, parent of the default {@code .phasic_traces}
     */
    public ConfigLoader(List<ConfigKey> catalog, Map<String, String> environment, Path userHome) {
        this.catalog = List.copyOf(catalog);
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    /**
     * A value given on the command line.
     *
     * @param value the raw value
     * @param flag  the flag as typed, for messages ({@code --home}, {@code --set registry.repo})
     */
    public record FlagValue(String value, String flag) {
    }

    /** Loads the configuration with the given command-line values (key → value). */
    public Configuration load(Map<String, FlagValue> flags) {
        Map<String, ConfigKey> keys = new LinkedHashMap<>();
        catalog.forEach(key -> keys.put(key.name(), key));
        flags.forEach((name, flag) -> requireKnown(keys, name, flag.flag()));

        Map<String, Configuration.Entry> entries = new LinkedHashMap<>();
        for (ConfigKey key : catalog) {
            entries.put(key.name(), new Configuration.Entry(key, key.defaultValue(), "default"));
        }
        Path home = home(entries, flags);
        Path file = home.resolve(CONFIG_FILE);
        for (Map.Entry<String, String> fromFile : ConfigFile.read(file).entrySet()) {
            ConfigKey key = requireKnown(keys, fromFile.getKey(), file.toString());
            if (key.name().equals(Configuration.HOME)) {
                throw new ConfigException("'home' cannot be set in " + file + " (the file lives in the home folder)",
                        "use --home or PHASIC_TRACES_HOME");
            }
            put(entries, key, fromFile.getValue(), "file " + file);
        }
        for (ConfigKey key : catalog) {
            applyEnvironment(entries, key);
            applyFlag(entries, key, flags);
        }
        Configuration.Entry homeEntry = entries.get(Configuration.HOME);
        entries.put(Configuration.HOME, new Configuration.Entry(homeEntry.key(), home.toString(), homeEntry.origin()));
        return new Configuration(entries);
    }

    /**
     * The config file of the home folder that {@code flags} and the environment choose, for editing; its content is
     * neither read nor checked here.
     *
     * @throws ConfigException when the home folder is not usable
     */
    public ConfigFile file(Map<String, FlagValue> flags) {
        return new ConfigFile(home(new LinkedHashMap<>(), flags).resolve(CONFIG_FILE), catalog);
    }

    private Path home(Map<String, Configuration.Entry> entries, Map<String, FlagValue> flags) {
        ConfigKey key = catalog.stream().filter(k -> k.name().equals(Configuration.HOME)).findFirst().orElseThrow();
        entries.put(Configuration.HOME, new Configuration.Entry(key, userHome.resolve(".phasic_traces").toString(), "default"));
        applyEnvironment(entries, key);
        applyFlag(entries, key, flags);
        return checkedHome(entries.get(Configuration.HOME));
    }

    /** The home folder: a path that is a readable, writable folder or does not exist yet. */
    private static Path checkedHome(Configuration.Entry entry) {
        String value = entry.value();
        String origin = entry.origin();
        if (value == null || value.isBlank()) {
            throw new ConfigException("the home folder is empty (from " + origin + ")",
                    "give a folder, e.g. --home ~/.phasic_traces, or leave it out for the default");
        }
        Path home;
        try {
            home = Path.of(value).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("the home folder '" + value + "' (from " + origin + ") is not a valid path: "
                    + e.getReason(), "give a folder path");
        }
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new ConfigException("the home folder " + home + " (from " + origin + ") is not a folder",
                    "give a folder, or a path that does not exist yet (it is created)");
        }
        if (Files.isDirectory(home) && !(Files.isReadable(home) && Files.isWritable(home) && Files.isExecutable(home))) {
            throw new ConfigException("the home folder " + home + " (from " + origin + ") is not readable and writable",
                    "fix its permissions (chmod u+rwx " + home + ") or give another folder");
        }
        return home;
    }

    private void applyEnvironment(Map<String, Configuration.Entry> entries, ConfigKey key) {
        List<String> variables = new ArrayList<>(key.extraEnvironment());
        variables.add(key.environmentVariable());
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                put(entries, key, value, "env " + variable);
            }
        }
    }

    private static void applyFlag(Map<String, Configuration.Entry> entries, ConfigKey key, Map<String, FlagValue> flags) {
        FlagValue flag = flags.get(key.name());
        if (flag != null) {
            put(entries, key, flag.value(), "flag " + flag.flag());
        }
    }

    private static void put(Map<String, Configuration.Entry> entries, ConfigKey key, String raw, String origin) {
        entries.put(key.name(), new Configuration.Entry(key, ValueParser.normalize(key, raw, origin), origin));
    }

    /** The key named {@code name}; unknown, a {@link ConfigException} naming the closest known keys. */
    static ConfigKey requireKnown(Map<String, ConfigKey> keys, String name, String where) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            String advice = "'phasic-traces config show' lists every key";
            throw new ConfigException("unknown configuration key '" + name + "' in " + where,
                    Suggestions.didYouMean(name, keys.keySet()).map(guess -> guess + " " + advice).orElse(advice));
        }
        return key;
    }
}
