package org.phasic.traces.app.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.InvalidSettingsException;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/**
 * The profiles a configuration may name: every {@link ProfilePlugin} found on the class path, the built-in ones
 * ({@code gateway}, {@code daemon}, {@code offline} in this module, {@code s3} and {@code gcs} in the cloud-cache
 * module) exactly like third-party ones. The built-in profiles come first, in their documented order.
 */
public final class Profiles {
    /** The profile that stands alone: no network at all. */
    public static final String OFFLINE = "offline";

    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final List<String> BUILT_IN_ORDER = List.of("gateway", "daemon", OFFLINE, "s3", "gcs");
    /** Profiles shipped by the CLI distribution in a jar of their own, by the artifact that brings them. */
    private static final Map<String, String> OPTIONAL = Map.of(
            "s3", "phasic-traces-adapter-cloud-cache",
            "gcs", "phasic-traces-adapter-cloud-cache");

    private final Map<String, ProfilePlugin> plugins = new LinkedHashMap<>();

    /** @param found plugins in discovery order; built-in names are moved to the front */
    public Profiles(List<? extends ProfilePlugin> found) {
        List<ProfilePlugin> ordered = new ArrayList<>(found);
        ordered.sort((a, b) -> Integer.compare(rank(a.name()), rank(b.name())));
        for (ProfilePlugin plugin : ordered) {
            String name = plugin.name();
            if (name == null || !PLUGIN_NAME.matcher(name).matches()) {
                throw new ConfigException("profile plugin " + plugin.getClass().getName() + " has an invalid name '" + name + "'",
                        "a plugin name is lower case letters, digits and '-', starting with a letter");
            }
            ProfilePlugin other = plugins.putIfAbsent(name, plugin);
            if (other != null && other.getClass() != plugin.getClass()) {
                throw new ConfigException("two profiles are named '" + name + "' (" + other.getClass().getName() + ", "
                        + plugin.getClass().getName() + ")", "remove one of the plugin jars from the class path");
            }
        }
    }

    /**
     * The plugins that {@link ServiceLoader} finds with {@code classLoader} and with this module's own class loader
     * (so the built-in profiles are there whatever the context class loader).
     */
    public static Profiles discover(ClassLoader classLoader) {
        List<ProfilePlugin> found = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (ClassLoader loader : List.of(classLoader, Profiles.class.getClassLoader())) {
            for (ProfilePlugin plugin : ServiceLoader.load(ProfilePlugin.class, loader)) {
                if (seen.add(plugin.getClass())) {
                    found.add(plugin);
                }
            }
        }
        return new Profiles(found);
    }

    /**
     * The plugins of the given classes, in that order, loaded with {@code classLoader}: what {@link #discover} finds
     * where the class path is fixed and its plugins are known in advance (the CLI distribution records them when it is
     * built), without reading every jar on the class path for service files.
     *
     * @throws ConfigException when a class is missing or not a {@link ProfilePlugin} (a damaged installation)
     */
    public static Profiles of(List<String> classNames, ClassLoader classLoader) {
        List<ProfilePlugin> found = new ArrayList<>();
        for (String name : classNames) {
            try {
                found.add(Class.forName(name, true, classLoader).asSubclass(ProfilePlugin.class).getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new ConfigException("profile plugin " + name + " cannot be loaded (" + e + ")",
                        "the installation is damaged: rebuild it (./mvnw package)");
            }
        }
        return new Profiles(found);
    }

    /** The class names of the plugins, in their order. */
    public List<String> classNames() {
        return plugins.values().stream().map(plugin -> plugin.getClass().getName()).toList();
    }

    private static int rank(String name) {
        int index = BUILT_IN_ORDER.indexOf(name);
        return index < 0 ? BUILT_IN_ORDER.size() : index;
    }

    /**
     * Every profile name a configuration may use: those on the class path, and the optional built-in ones that are
     * not (so that naming one says how to add it rather than that it does not exist).
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(plugins.keySet());
        BUILT_IN_ORDER.stream().filter(OPTIONAL::containsKey).filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    /** The configuration keys the plugins declare; a key declared twice must be declared alike. */
    public List<ConfigKey> pluginKeys() {
        Map<String, ConfigKey> keys = new LinkedHashMap<>();
        for (ProfilePlugin plugin : plugins.values()) {
            for (ConfigKey key : plugin.settingKeys()) {
                ConfigKey other = keys.putIfAbsent(key.name(), key);
                if (other != null && other != key && !other.equals(key)) {
                    throw new ConfigException("configuration key '" + key.name() + "' is declared differently by two "
                            + "profile plugins (one is " + plugin.getClass().getName() + ")",
                            "remove one of the plugin jars from the class path");
                }
            }
        }
        return List.copyOf(keys.values());
    }

    /** The plugins, by name. */
    public Map<String, ProfilePlugin> plugins() {
        return Map.copyOf(plugins);
    }

    /**
     * The plugins of the active profiles, in the order the configuration names them, each preceded by the profiles
     * it {@linkplain ProfilePlugin#requires() requires} (once).
     *
     * @throws ConfigException when {@code offline} is combined with another profile, or a named profile's plugin is
     *                         not on the class path
     */
    public List<ProfilePlugin> active(Settings settings) {
        List<String> named = settings.profiles();
        if (named.contains(OFFLINE) && named.size() > 1) {
            throw new ConfigException("profile 'offline' cannot be combined with " + String.join(",", named),
                    "use --profile offline alone, or drop it");
        }
        Map<String, ProfilePlugin> active = new LinkedHashMap<>();
        named.forEach(name -> activate(name, active, new LinkedHashSet<>()));
        return List.copyOf(active.values());
    }

    private void activate(String name, Map<String, ProfilePlugin> active, Set<String> path) {
        if (active.containsKey(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new ConfigException("profiles require each other in a cycle: " + String.join(" -> ", path) + " -> " + name,
                    "fix the plugins' requires()");
        }
        ProfilePlugin plugin = plugins.get(name);
        if (plugin == null) {
            String artifact = OPTIONAL.getOrDefault(name, "the jar of the plugin that provides it");
            throw new ConfigException("profile '" + name + "' is not available: its plugin is not on the class path",
                    "add " + artifact + " (and its dependencies) to the class path, as the CLI distribution does in lib/");
        }
        plugin.requires().forEach(required -> activate(required, active, path));
        active.put(name, plugin);
    }

    /**
     * Lets the active plugins contribute their adapters.
     *
     * @throws ConfigException when a plugin finds its settings unacceptable
     */
    Contributed contribute(Settings settings, PluginServices services) {
        Contributed contributed = new Contributed();
        for (ProfilePlugin plugin : active(settings)) {
            try {
                plugin.contribute(settings, services, contributed);
            } catch (InvalidSettingsException e) {
                throw ConfigException.of(e);
            }
        }
        return contributed;
    }

    /** The plugin named {@code name}, for tests and tools. */
    ProfilePlugin plugin(String name) {
        return Objects.requireNonNull(plugins.get(name), name);
    }
}
