package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.nio.file.Path;
import java.time.Clock;
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
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.PhasicCacheService;
import org.phasic.traces.application.InstallService;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.application.TraceService;
import org.phasic.traces.adapter.github.RegistryScaffold;
import org.phasic.traces.application.DaemonService;
import org.phasic.traces.application.MirrorService;
import org.phasic.traces.application.PublishService;
import org.phasic.traces.application.RegistryInitService;
import org.phasic.traces.application.RegistryValidationService;
import org.phasic.traces.application.ServeContentService;
import org.phasic.traces.application.StoreMaintenanceService;
import org.phasic.traces.ports.in.DaemonUseCase;
import org.phasic.traces.ports.in.GetTraceFilesUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.PhasicCacheUseCase;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.in.PublishTraceUseCase;
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
    private final LocalServices local;

    /** @param local the store, registry and fetch chain, which this module binds as they are */
    CoreModule(Configuration configuration, CompositionServices services, LocalServices local) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.services = Objects.requireNonNull(services, "services");
        this.notices = services.notices();
        this.local = Objects.requireNonNull(local, "local");
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
        bind(Clock.class).toInstance(local.clock());
        bind(RegistryCodec.class).to(JacksonRegistryCodec.class);
        bind(TraceCodec.class).to(JacksonTraceCodec.class);
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
    ValidateRegistryUseCase validateRegistry(RegistryCodec codec, FetchService fetch, Provider<OkHttpClient> http,
                                             RegistryCache cache) {
        RegistrySourceFactory sources = new RegistrySourceFactory() {
            @Override
            public RegistrySource configured() {
                return local.registrySource();
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
        FetchSettings pulls = CoreSettings.from(configuration).fetch().online();
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
    JacksonRegistryCodec registryCodec() {
        return local.registryCodec();
    }

    @Provides
    JacksonTraceCodec traceCodec() {
        return local.traceCodec();
    }

    @Provides
    BundledLibrary bundledLibrary() {
        return local.bundled();
    }

    @Provides
    DiskTraceStore traceStore() {
        return local.store();
    }

    @Provides
    RegistryCache registryCache() {
        return local.registryCache();
    }

    @Provides
    RegistrySource registrySource() {
        return local.registrySource();
    }

    @Provides
    RegistryService registryService() {
        return local.registry();
    }

    @Provides
    FetchService fetchService() {
        return local.fetch();
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

    @Provides
    @Singleton
    InstallService installService() {
        return new InstallService(local.registry(), local.fetch(), local.placeInPhasicCache());
    }

    @Provides
    TraceService traceService() {
        return local.traces();
    }

    @Provides
    PhasicCacheService phasicCache() {
        return local.phasicCache();
    }
}
