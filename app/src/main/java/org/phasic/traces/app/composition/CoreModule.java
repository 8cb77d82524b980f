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
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.github.RegistrySettings;
import org.phasic.traces.adapter.github.RegistrySources;
import org.phasic.traces.app.bundle.BundledContentSource;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.store.DiskRegistryCache;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.application.FetchService;
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
    private final CompositionServices services;
    private final Notices notices;

    CoreModule(Configuration configuration, CompositionServices services) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.services = Objects.requireNonNull(services, "services");
        this.notices = services.notices();
    }

    @Override
    protected void configure() {
        bind(Configuration.class).toInstance(configuration);
        bind(CompositionServices.class).toInstance(services);
        bind(Notices.class).toInstance(notices);
        bind(TransferProgress.class).toInstance(services.progress());
        bind(new TypeLiteral<Map<String, String>>() { }).annotatedWith(Names.named(ENVIRONMENT))
                .toInstance(services.environment());
        bind(Path.class).annotatedWith(Names.named(USER_HOME)).toInstance(services.userHome());
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(RegistryCodec.class).to(JacksonRegistryCodec.class).in(Singleton.class);
        bind(TraceCodec.class).to(JacksonTraceCodec.class).in(Singleton.class);
        bind(BundledLibrary.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), ContentSource.class).addBinding().to(BundledContentSource.class);
        install(new PublishModule(configuration));
        Multibinder.newSetBinder(binder(), FetchListener.class).permitDuplicates();
    }

    /** The one base HTTP client; adapters specialise it with {@code newBuilder()}. */
    @Provides
    OkHttpClient http() {
        return services.http();
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
    RegistrySource registrySource(OkHttpClient http) {
        RegistrySettings settings = RegistrySettings.from(configuration);
        try {
            return new RegistrySources(http, settings.http()).select(settings.url(), settings.repo(), settings.branch());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check registry.url, registry.repo and registry.branch ('phasic-traces config show')");
        }
    }

    @Provides
    @Singleton
    RegistryService registryService(RegistrySource source, RegistryCodec codec, RegistryCache cache, BundledLibrary bundle,
                                    Clock clock) {
        return new RegistryService(source, codec, cache, bundle.registry(), notices, clock,
                RegistrySettings.from(configuration).maxAge(), CoreSettings.from(configuration).offline());
    }

    @Provides
    @Singleton
    FetchService fetchService(RegistryService registry, TraceStore store, Set<ContentSource> sources,
                              Set<FetchListener> listeners) {
        return new FetchService(registry, store, new ArrayList<>(sources), notices, CoreSettings.from(configuration).fetch(),
                FetchListener.all(listeners));
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
