package org.phasic.traces.app.composition;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.app.cli.VersionProvider;
import org.phasic.traces.app.config.ConfigCatalog;
import org.phasic.traces.app.config.ConfigLoader;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.ports.out.Notices;
import org.phasic.traces.ports.out.TransferProgress;

/**
 * The composition root: the profile plugins on the class path, the configuration layers built from the keys
 * they and the settings records declare, the shared services, and the Guice injector that binds what the active
 * profiles contributed.
 */
public final class Composition {
    private final Configuration configuration;
    private final Profiles profiles;
    private final CompositionServices services;
    private final Contributed contributed;
    private Injector injector;

    private Composition(Configuration configuration, Profiles profiles, CompositionServices services,
                        Contributed contributed) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.services = Objects.requireNonNull(services, "services");
        this.contributed = Objects.requireNonNull(contributed, "contributed");
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
        Profiles profiles = Profiles.discover(Thread.currentThread().getContextClassLoader());
        ConfigLoader loader = new ConfigLoader(ConfigCatalog.keys(profiles.names(), profiles.pluginKeys()), environment, userHome);
        Configuration configuration = loader.load(flags);
        if (CoreSettings.from(configuration).offline() && !configuration.profiles().equals(List.of(Profiles.OFFLINE))) {
            configuration = configuration.with(Configuration.PROFILE, Profiles.OFFLINE,
                    configuration.entry(CoreSettings.OFFLINE).origin());
        }
        CompositionServices services = new CompositionServices(environment, userHome, notices, progress,
                GatewaySettings.userAgent(VersionProvider.version()));
        return new Composition(configuration, profiles, services, profiles.contribute(configuration, services));
    }

    public Configuration configuration() {
        return configuration;
    }

    public Profiles profiles() {
        return profiles;
    }

    /** The injector for the active profiles, created on first use. */
    public synchronized Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(configuration, services), contributed);
        }
        return injector;
    }
}
