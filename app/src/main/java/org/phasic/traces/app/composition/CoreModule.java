package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phasic.traces.adapter.github.HttpSettings;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.github.RegistrySources;
import org.phasic.traces.app.bundle.BundledContentSource;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.store.DiskRegistryCache;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.FetchSettings;
import org.phasic.traces.application.InstallService;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.application.TraceService;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.out.Notices;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TransferProgress;

/** Bindings every profile shares: configuration, store, registry, bundled library, fetch chain. */
final class CoreModule extends AbstractModule {
    /** The {@code @Named} binding of the process environment ({@code Map<String, String>}). */
    static final String ENVIRONMENT = "environment";
    /** The {@code @Named} binding of the user's home folder ({@code Path}), where tools such as IPFS keep state. */
    static final String USER_HOME = "userHome";

    private final Configuration configuration;
    private final Notices notices;
    private final Map<String, String> environment;
    private final Path userHome;
    private final TransferProgress progress;

    CoreModule(Configuration configuration, Notices notices, Map<String, String> environment, Path userHome,
               TransferProgress progress) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    protected void configure() {
        bind(Configuration.class).toInstance(configuration);
        bind(Notices.class).toInstance(notices);
        bind(TransferProgress.class).toInstance(progress);
        bind(new TypeLiteral<Map<String, String>>() { }).annotatedWith(Names.named(ENVIRONMENT)).toInstance(environment);
        bind(Path.class).annotatedWith(Names.named(USER_HOME)).toInstance(userHome);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(RegistryCodec.class).to(JacksonRegistryCodec.class).in(Singleton.class);
        bind(TraceCodec.class).to(JacksonTraceCodec.class).in(Singleton.class);
        bind(BundledLibrary.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), ContentSource.class).addBinding().to(BundledContentSource.class);
        install(new PublishModule(configuration));
        Multibinder.newSetBinder(binder(), FetchListener.class).permitDuplicates();
    }

    @Provides
    @Singleton
    JacksonRegistryCodec registryCodec() {
        return new JacksonRegistryCodec();
    }

    @Provides
    @Singleton
    JacksonTraceCodec traceCodec() {
        return new JacksonTraceCodec();
    }

    @Provides
    @Singleton
    TraceStore traceStore(Clock clock) throws IOException {
        return new DiskTraceStore(configuration.home().resolve("store"), Duration.ofMinutes(10), clock);
    }

    @Provides
    @Singleton
    RegistryCache registryCache() throws IOException {
        return new DiskRegistryCache(configuration.home().resolve("registry"));
    }

    @Provides
    @Singleton
    RegistrySource registrySource() {
        HttpSettings settings = HttpSettings.DEFAULTS.withConnectTimeout(configuration.duration("registry.connectTimeout"));
        try {
            return new RegistrySources(settings).select(configuration.find("registry.url"),
                    configuration.require("registry.repo"), configuration.require("registry.branch"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check registry.url, registry.repo and registry.branch ('phasic-traces config show')");
        }
    }

    @Provides
    @Singleton
    RegistryService registryService(RegistrySource source, RegistryCodec codec, RegistryCache cache, BundledLibrary bundle,
                                    Clock clock) {
        return new RegistryService(source, codec, cache, bundle.registry(), notices, clock,
                configuration.duration("registry.maxAge"), configuration.flag("offline"));
    }

    @Provides
    @Singleton
    FetchService fetchService(RegistryService registry, TraceStore store, Set<ContentSource> sources,
                              Set<FetchListener> listeners) {
        FetchSettings settings = new FetchSettings(configuration.flag("offline"), configuration.duration("store.lockWait"),
                FetchSettings.DEFAULTS.maxFileBytes());
        return new FetchService(registry, store, new ArrayList<>(sources), notices, settings, FetchListener.all(listeners));
    }

    @Provides
    @Singleton
    InstallService installService(FetchService fetch) {
        return new InstallService(fetch);
    }

    @Provides
    @Singleton
    TraceService traceService(FetchService fetch, TraceCodec codec) {
        return new TraceService(fetch, codec);
    }

}
