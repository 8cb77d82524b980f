package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.store.DiskRegistryCache;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.app.store.PhasicCacheFolder;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.FetchedTrace;
import org.phasic.traces.application.PhasicCacheService;
import org.phasic.traces.application.InstallService;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.application.TraceService;
import org.phasic.traces.adapter.github.RegistryScaffold;
import org.phasic.traces.application.DaemonService;
import org.phasic.traces.application.EvaluationService;
import org.phasic.traces.application.MirrorService;
import org.phasic.traces.application.PublishService;
import org.phasic.traces.application.RegistryInitService;
import org.phasic.traces.application.RegistryValidationService;
import org.phasic.traces.application.ShowTraceService;
import org.phasic.traces.application.ServeContentService;
import org.phasic.traces.application.StoreMaintenanceService;
import org.phasic.traces.ports.in.DaemonUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.GetTraceFilesUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.PhasicCacheUseCase;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.in.PublishTraceUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.in.UpdateRegistryUseCase;
import org.phasic.traces.ports.in.ValidateRegistryUseCase;
import org.phasic.traces.ports.out.PrivateMirror;
import org.phasic.traces.ports.out.RegistrySourceFactory;
import org.phasic.traces.ports.out.StoreMaintenance;
import java.util.List;
import org.phasic.traces.application.FetchSettings;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.in.TransferProgress;

/** Bindings every profile shares: configuration, store, registry, bundled library, fetch chain, and the use cases. */
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
        install(new HealthModule(configuration, services));
        Multibinder.newSetBinder(binder(), FetchListener.class).permitDuplicates();
        bindUseCases();
    }

    /** Each use case to the application service that implements it. */
    private void bindUseCases() {
        bind(GetTraceUseCase.class).to(TraceService.class);
        bind(GetTraceFilesUseCase.class).to(TraceService.class);
        bind(ListTracesUseCase.class).to(RegistryService.class);
        bind(UpdateRegistryUseCase.class).to(RegistryService.class);
        bind(InstallTracesUseCase.class).to(InstallService.class);
        bind(PublishTraceUseCase.class).to(PublishService.class);
        bind(StoreMaintenance.class).to(DiskTraceStore.class);
        bind(TraceStore.class).to(DiskTraceStore.class);
    }

    @Provides
    ShowTraceUseCase showTrace(RegistryService registry, TraceStore store) {
        return new ShowTraceService(registry, store);
    }

    @Provides
    PhasicCacheUseCase phasicCacheUseCase(PhasicCacheService phasicCache) {
        return phasicCache;
    }

    @Provides
    StoreMaintenanceUseCase storeMaintenance(RegistryService registry, StoreMaintenance store, TraceStore traces) {
        return new StoreMaintenanceService(registry, store, traces);
    }

    @Provides
    @Singleton
    ServeContentUseCase serveContent(RegistryService registry, StoreMaintenance store, TraceStore traces, Clock clock) {
        return new ServeContentService(registry, store, traces, clock, ServeSettings.from(configuration).rescanInterval(),
                configuration.home().resolve("serve").resolve("block-index"));
    }

    @Provides
    EvaluateTraceUseCase evaluateTrace(GetTraceUseCase traces, TraceCodec codec) {
        return new EvaluationService(traces, codec);
    }

    @Provides
    ValidateRegistryUseCase validateRegistry(RegistryCodec codec, FetchService fetch, Provider<OkHttpClient> http,
                                             RegistryCache cache) {
        RegistrySourceFactory sources = new RegistrySourceFactory() {
            @Override
            public RegistrySource configured() {
                return registrySource(http);
            }

            @Override
            public RegistrySource at(String location) {
                return new RegistrySources(() -> unwrapped(http), RegistrySettings.from(configuration).http()).of(location);
            }
        };
        return new RegistryValidationService(sources, codec, fetch, cache, CoreSettings.from(configuration).offline());
    }

    @Provides
    InitRegistryUseCase initRegistry(JacksonRegistryCodec codec, Clock clock) {
        return new RegistryInitService(new RegistryScaffold(codec, clock));
    }

    @Provides
    MirrorUseCase mirror(RegistryService registry, TraceStore store, FetchService fetch, Set<PrivateMirror> mirrors) {
        FetchSettings pulls = new FetchSettings(false, CoreSettings.from(configuration).lockWait(), FetchSettings.DEFAULTS.maxFileBytes());
        return new MirrorService(registry, store, fetch, List.copyOf(mirrors), notices, pulls);
    }

    @Provides
    DaemonUseCase daemon() {
        return new DaemonService(DaemonProfile.localNode(configuration, services, notices::notice),
                configuration.profiles().contains(DaemonProfile.NAME));
    }

    /** The one base HTTP client; adapters specialise it with {@code newBuilder()}. */
    @Provides
    OkHttpClient http() {
        return services.http();
    }

    @Provides
    @Singleton
    JacksonRegistryCodec registryCodec() {
        return new JacksonRegistryCodec(RegistrySettings.from(configuration).maxBytes());
    }

    @Provides
    @Singleton
    JacksonTraceCodec traceCodec() {
        return new JacksonTraceCodec();
    }

    @Provides
    @Singleton
    DiskTraceStore traceStore(Clock clock) throws IOException {
        return new DiskTraceStore(configuration.home().resolve("store"), Duration.ofMinutes(10), clock);
    }

    @Provides
    @Singleton
    RegistryCache registryCache(RegistryCodec codec) throws IOException {
        return new DiskRegistryCache(configuration.home().resolve("registry"), codec);
    }

    @Provides
    @Singleton
    RegistrySource registrySource(Provider<OkHttpClient> http) {
        RegistrySettings settings = RegistrySettings.from(configuration);
        try {
            return new RegistrySources(() -> unwrapped(http), settings.http()).select(settings.url(), settings.repo(), settings.branch());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check registry.url, registry.repo and registry.branch ('phasic-traces config show')");
        }
    }

    /**
     * The registry service over a source built on first use: a store hit reads the cached registry but builds no HTTP
     * client.
     */
    @Provides
    @Singleton
    RegistryService registryService(Provider<RegistrySource> source, RegistryCodec codec, RegistryCache cache,
                                    BundledLibrary bundle, Clock clock) {
        return new RegistryService(new LazyRegistrySource(source), codec, cache, bundle.registry(), notices, clock,
                RegistrySettings.from(configuration).maxAge(), CoreSettings.from(configuration).offline());
    }

    @Provides
    @Singleton
    FetchService fetchService(RegistryService registry, TraceStore store, Provider<Set<ContentSource>> sources,
                              Provider<Set<FetchListener>> listeners) {
        return new FetchService(registry, store, () -> unwrapped(sources), notices, CoreSettings.from(configuration).fetch(),
                (id, root, source) -> FetchListener.all(unwrapped(listeners)).fetched(id, root, source), services.progress());
    }

    /**
     * {@code provider}'s value, built outside the injector's provisioning (as a lazy dependency is): a configuration
     * problem found while building it is thrown as the {@link ConfigException} it is.
     */
    static <T> T unwrapped(Provider<T> provider) {
        try {
            return provider.get();
        } catch (ProvisionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigException config) {
                    throw config;
                }
            }
            throw e;
        }
    }

    /** A registry source built on first use. */
    private static final class LazyRegistrySource implements RegistrySource {
        private final Provider<RegistrySource> provider;

        LazyRegistrySource(Provider<RegistrySource> provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        @Override
        public String location() {
            return unwrapped(provider).location();
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag) throws IOException {
            return unwrapped(provider).fetch(etag);
        }
    }

    @Provides
    @Singleton
    InstallService installService(RegistryService registry, FetchService fetch, PhasicCacheService phasicCache) {
        return new InstallService(registry, fetch, placeInPhasicCache(phasicCache));
    }

    @Provides
    @Singleton
    TraceService traceService(FetchService fetch, TraceCodec codec, PhasicCacheService phasicCache) {
        return new TraceService(fetch, codec, placeInPhasicCache(phasicCache));
    }

    /** phasic's own trace cache: {@code traces} in phasic's home, {@code ~/.phasic_traces} (the default home). */
    @Provides
    @Singleton
    PhasicCacheService phasicCache(RegistryService registry, FetchService fetch) {
        Path phasicHome = services.userHome().resolve(".phasic_traces");
        return new PhasicCacheService(registry, fetch, new PhasicCacheFolder(phasicHome.resolve("traces")), notices);
    }

    /** Copies verified traces into phasic's cache when home is phasic's cache folder and {@code phasic.cache} is on. */
    private Consumer<FetchedTrace> placeInPhasicCache(PhasicCacheService phasicCache) {
        Path phasicHome = services.userHome().resolve(".phasic_traces").toAbsolutePath().normalize();
        boolean bridge = CoreSettings.from(configuration).phasicCache()
                && configuration.home().toAbsolutePath().normalize().equals(phasicHome);
        return bridge ? phasicCache::offer : trace -> { };
    }

}
