package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import org.phasic.traces.ports.out.ContentSource;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.phasic.traces.app.config.ConfigCatalog;
import org.phasic.traces.app.config.ConfigLoader;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * The composition root: configuration layers, profiles and plugins, and the Guice injector built from them. Drivers
 * reach the application through {@link #useCases()} only; {@link #close()} releases the threads and connections of the
 * sources built.
 */
public final class Composition implements AutoCloseable {
    private static final String VERSION_RESOURCE = "/org/phasic/traces/app/version.properties";

    private final Configuration configuration;
    private final Profiles profiles;
    private final Notices notices;
    private final Map<String, String> environment;
    private final Path userHome;
    private final TransferProgress progress;
    private Injector injector;
    private boolean closed;

    private Composition(Configuration configuration, Profiles profiles, Notices notices, Map<String, String> environment,
                        Path userHome, TransferProgress progress) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** {@link #create(Map, Map, Path, Notices, TransferProgress)} without progress events. */
    public static Composition create(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome,
                                     Notices notices) {
        return create(flags, environment, userHome, notices, TransferProgress.NONE);
    }

    /**
     * Loads the configuration (defaults, file, environment, flags) and discovers plugins on the class path.
     *
     * @param progress receives transfer events of network sources (for a progress bar)
     */
    public static Composition create(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome,
                                     Notices notices, TransferProgress progress) {
        Profiles profiles = Profiles.discover(builtInProfiles(), Thread.currentThread().getContextClassLoader());
        ConfigLoader loader = new ConfigLoader(ConfigCatalog.keys(profiles.names(), profiles.pluginKeys()), environment, userHome);
        Configuration configuration = loader.load(flags);
        if (configuration.flag("offline") && !configuration.profiles().equals(List.of("offline"))) {
            configuration = configuration.with(Configuration.PROFILE, "offline", configuration.entry("offline").origin());
        }
        Composition composition = new Composition(configuration, profiles, notices, environment, userHome, progress);
        composition.profiles.modules(configuration);
        return composition;
    }

    /** The built-in profiles, in documented order, with the module each installs. */
    static Map<String, Function<Configuration, Module>> builtInProfiles() {
        Map<String, Function<Configuration, Module>> profiles = new LinkedHashMap<>();
        profiles.put("gateway", GatewayProfileModule::new);
        profiles.put("daemon", DaemonProfileModule::new);
        profiles.put("offline", configuration -> new AbstractModule() { });
        profiles.put("s3", S3ProfileModule::new);
        profiles.put("gcs", GcsProfileModule::new);
        return profiles;
    }

    public Configuration configuration() {
        return configuration;
    }

    public Profiles profiles() {
        return profiles;
    }

    /** The use cases, each built on first use. */
    public UseCases useCases() {
        return new UseCases(this);
    }

    /** The injector for the active profiles, created on first use. */
    public synchronized Injector injector() {
        if (closed) {
            throw new IllegalStateException("this client is closed");
        }
        if (injector == null) {
            List<Module> modules = new ArrayList<>();
            modules.add(new CoreModule(configuration, notices, environment, userHome, progress));
            modules.addAll(profiles.modules(configuration));
            injector = Guice.createInjector(Stage.PRODUCTION, modules);
        }
        return injector;
    }

    /** Closes every source that holds threads or connections; later use fails. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (injector == null) {
            return;
        }
        RuntimeException failure = null;
        for (ContentSource source : injector.getInstance(Key.get(new TypeLiteral<Set<ContentSource>>() { }))) {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("could not close " + source.name() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The tool's version as the build stamped it, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = Composition.class.getResourceAsStream(VERSION_RESOURCE)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
