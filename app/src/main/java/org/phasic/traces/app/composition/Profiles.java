package org.phasic.traces.app.composition;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.ConfigKey;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.spi.AdapterPlugin;

/**
 * The profiles a configuration may name and the Guice modules each one installs: the built-in ones
 * ({@code gateway}, {@code daemon}, {@code offline}, {@code s3}, {@code gcs}) and every
 * {@link AdapterPlugin} found on the class path.
 */
public final class Profiles {
    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final Map<String, Function<Configuration, Module>> builtIn;
    private final Map<String, AdapterPlugin> plugins;

    /**
     * @param builtIn the built-in profiles in their documented order, each mapped to the module it installs
     * @param plugins plugins discovered on the class path
     */
    public Profiles(Map<String, Function<Configuration, Module>> builtIn, List<AdapterPlugin> plugins) {
        this.builtIn = new LinkedHashMap<>(Objects.requireNonNull(builtIn, "builtIn"));
        this.plugins = new LinkedHashMap<>();
        for (AdapterPlugin plugin : plugins) {
            String name = plugin.name();
            if (name == null || !PLUGIN_NAME.matcher(name).matches()) {
                throw new ConfigException("adapter plugin " + plugin.getClass().getName() + " has an invalid name '" + name + "'",
                        "a plugin name is lower case letters, digits and '-', starting with a letter");
            }
            if (this.builtIn.containsKey(name) || this.plugins.containsKey(name)) {
                throw new ConfigException("two profiles are named '" + name + "' (" + plugin.getClass().getName() + ")",
                        "remove one of the plugin jars from the class path");
            }
            this.plugins.put(name, plugin);
        }
    }

    /** Built-in profiles plus the plugins that {@link ServiceLoader} finds with {@code classLoader}. */
    public static Profiles discover(Map<String, Function<Configuration, Module>> builtIn, ClassLoader classLoader) {
        List<AdapterPlugin> found = new ArrayList<>();
        ServiceLoader.load(AdapterPlugin.class, classLoader).forEach(found::add);
        return new Profiles(builtIn, found);
    }

    /** Every profile name a configuration may use. */
    public List<String> names() {
        List<String> names = new ArrayList<>(builtIn.keySet());
        names.addAll(plugins.keySet());
        return names;
    }

    /** Configuration keys contributed by plugins. */
    public List<ConfigKey> pluginKeys() {
        return plugins.values().stream().flatMap(plugin -> plugin.configKeys().stream()).toList();
    }

    /** The plugins, by name. */
    public Map<String, AdapterPlugin> plugins() {
        return Map.copyOf(plugins);
    }

    /** The modules of the active profiles, in the order the configuration names them. */
    public List<Module> modules(Configuration configuration) {
        List<String> active = configuration.profiles();
        if (active.contains("offline") && active.size() > 1) {
            throw new ConfigException("profile 'offline' cannot be combined with " + String.join(",", active),
                    "use --profile offline alone, or drop it");
        }
        List<Module> modules = new ArrayList<>();
        for (String name : active) {
            Function<Configuration, Module> module = builtIn.get(name);
            if (module != null) {
                modules.add(module.apply(configuration));
            } else {
                modules.add(plugins.get(name).module(configuration));
            }
        }
        return modules;
    }
}
