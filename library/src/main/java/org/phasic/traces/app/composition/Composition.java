package org.phasic.traces.app.composition;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.app.config.ConfigCatalog;
import org.phasic.traces.app.config.ConfigFile;
import org.phasic.traces.app.config.ConfigLoader;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;

/**
 * The composition root: the profile plugins on the class path, the configuration layers built from the keys they and
 * the settings records declare, the shared services, and the Guice injector that binds what the active profiles
 * contributed. Drivers reach the application through {@link #useCases()} only; {@link #close()} releases the threads
 * and connections of what was built.
 */
public final class Composition implements AutoCloseable {
    private static final String VERSION_RESOURCE = "/org/phasic/traces/app/version.properties";

    private final Configuration configuration;
    private final Profiles profiles;
    private final CompositionServices services;
    private final Contributed contributed;
    private final LocalServices local;
    private Injector injector;
    private boolean closed;

    private Composition(Configuration configuration, Profiles profiles, CompositionServices services,
                        Contributed contributed) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.services = Objects.requireNonNull(services, "services");
        this.contributed = Objects.requireNonNull(contributed, "contributed");
        this.local = new LocalServices(configuration, services,
                () -> CoreModule.unwrapped(injector().getProvider(Key.get(new TypeLiteral<Set<ContentSource>>() { }))),
                () -> CoreModule.unwrapped(injector().getProvider(Key.get(new TypeLiteral<Set<FetchListener>>() { }))));
    }

    /** {@link #create(Map, Map, Path, Notices, TransferProgress)} without progress events. */
    public static Composition create(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome,
                                     Notices notices) {
        return create(flags, environment, userHome, notices, TransferProgress.NONE);
    }

    /**
     * Discovers the profile plugins on the class path, loads the configuration (defaults, file, environment, flags)
     * and lets the active profiles contribute their adapters (which checks their settings).
     *
     * @param progress receives transfer events of network sources (for a progress bar)
     * @throws org.phasic.traces.app.config.ConfigException for a bad setting or an unavailable profile
     */
    public static Composition create(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome,
                                     Notices notices, TransferProgress progress) {
        return create(discovered(), flags, environment, userHome, notices, progress);
    }

    /**
     * {@link #create(Map, Map, Path, Notices, TransferProgress)} with the given profile plugins instead of those
     * {@linkplain Profiles#discover discovered} on the class path.
     */
    public static Composition create(Profiles profiles, Map<String, ConfigLoader.FlagValue> flags,
                                     Map<String, String> environment, Path userHome, Notices notices,
                                     TransferProgress progress) {
        Configuration configuration = loader(profiles, environment, userHome).load(flags);
        if (CoreSettings.from(configuration).offline() && !configuration.profiles().equals(List.of(Profiles.OFFLINE))) {
            configuration = configuration.with(Configuration.PROFILE, Profiles.OFFLINE,
                    configuration.entry(CoreSettings.OFFLINE).origin());
        }
        CompositionServices services = new CompositionServices(environment, userHome, notices, progress,
                GatewaySettings.userAgent(version()));
        return new Composition(configuration, profiles, services, profiles.contribute(configuration, services));
    }

    /**
     * The config file of the home folder that {@code flags} and the environment choose, for editing one key at a time
     * with every key the profile plugins on the class path declare; nothing is loaded or built.
     *
     * @throws org.phasic.traces.app.config.ConfigException when the home folder is not usable
     */
    public static ConfigFile configFile(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome) {
        return configFile(discovered(), flags, environment, userHome);
    }

    /** {@link #configFile(Map, Map, Path)} with the keys of the given profile plugins. */
    public static ConfigFile configFile(Profiles profiles, Map<String, ConfigLoader.FlagValue> flags,
                                        Map<String, String> environment, Path userHome) {
        return loader(profiles, environment, userHome).file(flags);
    }

    private static Profiles discovered() {
        return Profiles.discover(Thread.currentThread().getContextClassLoader());
    }

    private static ConfigLoader loader(Profiles profiles, Map<String, String> environment, Path userHome) {
        return new ConfigLoader(ConfigCatalog.keys(profiles.names(), profiles.pluginKeys()), environment, userHome);
    }

    public Configuration configuration() {
        return configuration;
    }

    public Profiles profiles() {
        return profiles;
    }

    /** The store, registry and fetch chain, built without the injector (which binds the same instances). */
    synchronized LocalServices local() {
        requireOpen();
        return local;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this client is closed");
        }
    }

    /** Whether the injector has been created (a store hit creates none). */
    boolean builtInjector() {
        return injector != null;
    }

    /** The use cases, each built on first use. */
    public UseCases useCases() {
        return new UseCases(this);
    }

    /**
     * The injector for the active profiles, created on first use: a store hit, {@code show} and {@code list} need none
     * (see {@link UseCases}). Singletons are built when first needed (development stage), so a command builds only what
     * it uses: no bundled CAR loaded and no HTTP client made before a fetch needs them.
     */
    public synchronized Injector injector() {
        requireOpen();
        if (injector == null) {
            injector = Guice.createInjector(Stage.DEVELOPMENT, new CoreModule(configuration, services, local), contributed);
        }
        return injector;
    }

    /** Closes every source that was built and holds threads or connections; later use fails. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (ContentSource source : contributed.builtSources()) {
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

    /** The contributed content sources built so far. */
    List<ContentSource> builtSources() {
        return contributed.builtSources();
    }

    /** Whether the shared HTTP client has been built (a store hit builds none). */
    boolean builtHttpClient() {
        return services.httpBuilt();
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
