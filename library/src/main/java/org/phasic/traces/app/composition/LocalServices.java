package org.phasic.traces.app.composition;

import java.io.IOException;
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

/**
 * The part of the application a local answer needs — store, registry (cached copy over the bundled one), fetch chain,
 * trace, show and evaluation services — built by hand, each on first use, so that a store hit, a {@code show} or a {@code list} needs no
 * injector. The content sources and fetch listeners the profiles contribute come from {@code sources} and
 * {@code listeners}, asked for only when something must be fetched; the injector binds these same instances.
 */
final class LocalServices {
    private final Configuration configuration;
    private final CompositionServices services;
    private final Supplier<? extends Collection<ContentSource>> sources;
    private final Supplier<? extends Collection<FetchListener>> listeners;
    private final Clock clock = Clock.systemUTC();

    private JacksonRegistryCodec registryCodec;
    private JacksonTraceCodec traceCodec;
    private DiskTraceStore store;
    private DiskRegistryCache registryCache;
    private RegistrySource registrySource;
    private BundledLibrary bundled;
    private RegistryService registry;
    private FetchService fetch;
    private PhasicCacheService phasicCache;
    private TraceService traces;

    /**
     * @param sources   the contributed content sources, asked for on the first fetch that misses the store
     * @param listeners the contributed fetch listeners, asked for when a source delivered a trace
     */
    LocalServices(Configuration configuration, CompositionServices services,
                  Supplier<? extends Collection<ContentSource>> sources,
                  Supplier<? extends Collection<FetchListener>> listeners) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.services = Objects.requireNonNull(services, "services");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    Clock clock() {
        return clock;
    }

    synchronized JacksonRegistryCodec registryCodec() {
        if (registryCodec == null) {
            registryCodec = new JacksonRegistryCodec(RegistrySettings.from(configuration).maxBytes());
        }
        return registryCodec;
    }

    synchronized JacksonTraceCodec traceCodec() {
        if (traceCodec == null) {
            traceCodec = new JacksonTraceCodec();
        }
        return traceCodec;
    }

    synchronized DiskTraceStore store() {
        if (store == null) {
            store = unchecked(() -> new DiskTraceStore(configuration.home().resolve("store"), Duration.ofMinutes(10), clock));
        }
        return store;
    }

    synchronized DiskRegistryCache registryCache() {
        if (registryCache == null) {
            registryCache = unchecked(() -> new DiskRegistryCache(configuration.home().resolve("registry"), registryCodec()));
        }
        return registryCache;
    }

    /** The configured registry source; its HTTP client is built on its first download. */
    synchronized RegistrySource registrySource() {
        if (registrySource == null) {
            RegistrySettings settings = RegistrySettings.from(configuration);
            try {
                registrySource = new RegistrySources(services::http, settings.http())
                        .select(settings.url(), settings.repo(), settings.branch());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), "check registry.url, registry.repo and registry.branch ('phasic-traces config show')");
            }
        }
        return registrySource;
    }

    synchronized BundledLibrary bundled() {
        if (bundled == null) {
            bundled = new BundledLibrary(registryCodec());
        }
        return bundled;
    }

    /** The registry service over a source built on first use: a store hit reads the cached registry only. */
    synchronized RegistryService registry() {
        if (registry == null) {
            registry = new RegistryService(new LazyRegistrySource(this::registrySource), registryCodec(), registryCache(),
                    bundled().registry(), services.notices(), clock, RegistrySettings.from(configuration).maxAge(),
                    CoreSettings.from(configuration).offline());
        }
        return registry;
    }

    synchronized FetchService fetch() {
        if (fetch == null) {
            fetch = new FetchService(registry(), store(), sources, services.notices(), CoreSettings.from(configuration).fetch(),
                    (id, root, source) -> FetchListener.all(listeners.get()).fetched(id, root, source), services.progress());
        }
        return fetch;
    }

    /** phasic's own trace cache: {@code traces} in phasic's home, {@code ~/.phasic_traces} (the default home). */
    synchronized PhasicCacheService phasicCache() {
        if (phasicCache == null) {
            phasicCache = new PhasicCacheService(registry(), fetch(), new PhasicCacheFolder(phasicHome().resolve("traces")),
                    services.notices());
        }
        return phasicCache;
    }

    synchronized TraceService traces() {
        if (traces == null) {
            traces = new TraceService(fetch(), traceCodec(), placeInPhasicCache());
        }
        return traces;
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
    }
}
