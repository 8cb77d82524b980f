package org.phasic.traces.app.composition;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.github.RegistrySettings;
import org.phasic.traces.adapter.github.RegistrySources;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.store.DiskRegistryCache;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.app.store.PhasicCacheFolder;
import org.phasic.traces.application.EvaluationService;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.FetchedTrace;
import org.phasic.traces.application.PhasicCacheService;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.application.ShowTraceService;
import org.phasic.traces.application.TraceService;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.spi.Contributions;

/**
 * The part of the application a local answer needs — store, registry (cached copy over the bundled one), fetch chain,
 * trace, show and evaluation services — built by hand, each on first use ({@link Contributions#once}), so that a store
 * hit, a {@code show} or a {@code list} needs no injector. The content sources and fetch listeners the profiles contribute come from {@code sources} and
 * {@code listeners}, asked for only when something must be fetched; the injector binds these same instances.
 */
final class LocalServices {
    private final Configuration configuration;
    private final CompositionServices services;
    private final Clock clock = Clock.systemUTC();
    private final Supplier<JacksonRegistryCodec> registryCodec;
    private final Supplier<JacksonTraceCodec> traceCodec;
    private final Supplier<DiskTraceStore> store;
    private final Supplier<DiskRegistryCache> registryCache;
    private final Supplier<RegistrySource> registrySource;
    private final Supplier<BundledLibrary> bundled;
    private final Supplier<RegistryService> registry;
    private final Supplier<FetchService> fetch;
    private final Supplier<PhasicCacheService> phasicCache;
    private final Supplier<TraceService> traces;

    /**
     * @param sources   the contributed content sources, asked for on the first fetch that misses the store
     * @param listeners the contributed fetch listeners, asked for when a source delivered a trace
     */
    LocalServices(Configuration configuration, CompositionServices services,
                  Supplier<? extends Collection<ContentSource>> sources,
                  Supplier<? extends Collection<FetchListener>> listeners) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.services = Objects.requireNonNull(services, "services");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(listeners, "listeners");
        Path home = configuration.home();
        registryCodec = Contributions.once(() -> new JacksonRegistryCodec(RegistrySettings.from(configuration).maxBytes()));
        traceCodec = Contributions.once(JacksonTraceCodec::new);
        store = Contributions.once(() -> unchecked(() ->
                new DiskTraceStore(home.resolve("store"), Duration.ofMinutes(10), clock)));
        registryCache = Contributions.once(() -> unchecked(() ->
                new DiskRegistryCache(home.resolve("registry"), registryCodec())));
        registrySource = Contributions.once(this::configuredRegistrySource);
        bundled = Contributions.once(() -> new BundledLibrary(registryCodec()));
        registry = Contributions.once(() -> new RegistryService(new LazyRegistrySource(registrySource), registryCodec(),
                registryCache(), bundled().registry(), services.notices(), clock,
                RegistrySettings.from(configuration).maxAge(), CoreSettings.from(configuration).offline()));
        fetch = Contributions.once(() -> new FetchService(registry(), store(), sources, services.notices(),
                CoreSettings.from(configuration).fetch(),
                (id, root, source) -> FetchListener.all(listeners.get()).fetched(id, root, source), services.progress()));
        phasicCache = Contributions.once(() -> new PhasicCacheService(registry(), fetch(),
                new PhasicCacheFolder(phasicHome().resolve("traces")), services.notices()));
        traces = Contributions.once(() -> new TraceService(fetch(), traceCodec(), placeInPhasicCache()));
    }

    Clock clock() {
        return clock;
    }

    JacksonRegistryCodec registryCodec() {
        return registryCodec.get();
    }

    JacksonTraceCodec traceCodec() {
        return traceCodec.get();
    }

    DiskTraceStore store() {
        return store.get();
    }

    DiskRegistryCache registryCache() {
        return registryCache.get();
    }

    /** The configured registry source; its HTTP client is built on its first download. */
    RegistrySource registrySource() {
        return registrySource.get();
    }

    BundledLibrary bundled() {
        return bundled.get();
    }

    /** The registry service over a source built on first use: a store hit reads the cached registry only. */
    RegistryService registry() {
        return registry.get();
    }

    FetchService fetch() {
        return fetch.get();
    }

    /** phasic's own trace cache: {@code traces} in phasic's home, {@code ~/.phasic_traces} (the default home). */
    PhasicCacheService phasicCache() {
        return phasicCache.get();
    }

    TraceService traces() {
        return traces.get();
    }

    private RegistrySource configuredRegistrySource() {
        RegistrySettings settings = RegistrySettings.from(configuration);
        try {
            return new RegistrySources(services::http, settings.http()).select(settings.url(), settings.repo(), settings.branch());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check registry.url, registry.repo and registry.branch ('phasic-traces config show')");
        }
    }

    ShowTraceService show() {
        return new ShowTraceService(registry(), store());
    }

    EvaluationService evaluation() {
        return new EvaluationService(traces(), traceCodec());
    }

    /** Copies verified traces into phasic's cache when home is phasic's cache folder and {@code phasic.cache} is on. */
    Consumer<FetchedTrace> placeInPhasicCache() {
        Path phasicHome = phasicHome().toAbsolutePath().normalize();
        boolean bridge = CoreSettings.from(configuration).phasicCache()
                && configuration.home().toAbsolutePath().normalize().equals(phasicHome);
        return bridge ? trace -> phasicCache().offer(trace) : trace -> { };
    }

    private Path phasicHome() {
        return services.userHome().resolve(".phasic_traces");
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A registry source built on first use. */
    private static final class LazyRegistrySource implements RegistrySource {
        private final Supplier<RegistrySource> source;

        LazyRegistrySource(Supplier<RegistrySource> source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        @Override
        public String location() {
            return source.get().location();
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag) throws IOException {
            return source.get().fetch(etag);
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag, OutputStream body) throws IOException {
            return source.get().fetch(etag, body);
        }
    }
}
