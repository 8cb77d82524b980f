package org.phasic.traces.application;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistrySource;

/** Port fakes for {@link RegistryService}: documents are names that a stub codec maps to registries. */
final class RegistryFakes {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private RegistryFakes() {
    }

    /** {@code registry} with no traces, as {@link RegistryCodec#scan} returns it. */
    static Registry withoutTraces(Registry registry) {
        return new Registry(registry.version(), registry.updated(), Map.of(), registry.collections(), registry.pinningServices(),
                registry.extra());
    }

    static Registry registry(TraceEntry... entries) {
        Registry registry = Registry.empty("2026-11-25");
        for (TraceEntry entry : entries) {
            registry = registry.with(entry, "2026-11-25");
        }
        return registry;
    }

    /**
     * A registry service over {@code bundled}; {@code lastGood}, when not null, is the cached download.
     *
     * @param source where updates come from
     */
    static RegistryService service(Registry bundled, Registry lastGood, RegistrySource source, Notices notices, boolean offline)
            throws IOException {
        Map<String, Registry> documents = lastGood == null ? Map.of() : Map.of("last-good", lastGood);
        MemoryRegistryCache cache = new MemoryRegistryCache(documents);
        if (lastGood != null) {
            cache.save(new RegistryCache.CachedRegistry("last-good".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                    source.location(), CLOCK.instant()));
        }
        return new RegistryService(source, new StubCodec(documents), cache, bundled, notices, CLOCK, Duration.ofDays(1), offline);
    }

    /** Fails the test when asked for a registry. */
    static RegistrySource tripwire() {
        return new RegistrySource() {
            @Override
            public String location() {
                return "tripwire registry";
            }

            @Override
            public RegistryDownload fetch(Optional<String> etag) {
                return fail("the registry source must not be touched");
            }
        };
    }

    /** Answers every fetch with "not modified" and counts the fetches. */
    static final class CountingSource implements RegistrySource {
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public String location() {
            return "counting registry";
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag) {
            fetches.incrementAndGet();
            return new RegistryDownload.NotModified();
        }
    }

    /** Copies by source; an entry's bytes are {@code "<document>#<id>"}, which {@link StubCodec} reads back. */
    static final class MemoryRegistryCache implements RegistryCache {
        private final Map<String, CachedRegistry> saved = new ConcurrentHashMap<>();
        private final Map<String, Registry> documents;

        MemoryRegistryCache(Map<String, Registry> documents) {
            this.documents = documents;
        }

        @Override
        public Optional<CachedRegistry> load(String source) {
            return Optional.ofNullable(saved.get(source));
        }

        @Override
        public Optional<Stamp> stamp(String source) {
            return load(source).map(copy -> new Stamp(copy.etag(), copy.checkedAt()));
        }

        @Override
        public void save(CachedRegistry registry) {
            saved.put(registry.source(), registry);
        }

        @Override
        public Staging stage(String source) {
            ByteArrayOutputStream document = new ByteArrayOutputStream();
            return new Staging() {
                @Override
                public OutputStream document() {
                    return document;
                }

                @Override
                public Registry read(Consumer<TraceEntry> check) throws IOException {
                    String name = document.toString(StandardCharsets.UTF_8);
                    Registry registry = documents.get(name);
                    if (registry == null) {
                        throw new RegistryFormatException("not a registry: " + name);
                    }
                    registry.traces().values().forEach(check);
                    return withoutTraces(registry);
                }

                @Override
                public void commit(Optional<String> etag, Instant checkedAt) {
                    save(new CachedRegistry(document.toByteArray(), etag, source, checkedAt));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void touch(String source, Instant checkedAt) {
            saved.computeIfPresent(source, (key, last) -> new CachedRegistry(last.bytes(), last.etag(), last.source(), checkedAt));
        }

        @Override
        public Optional<byte[]> entry(String source, String id) {
            return load(source).map(copy -> new String(copy.bytes(), StandardCharsets.UTF_8))
                    .filter(name -> documents.containsKey(name) && documents.get(name).find(TraceId.of(id)).isPresent())
                    .map(name -> (name + "#" + id).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<InputStream> open(String source) {
            return load(source).map(copy -> new ByteArrayInputStream(copy.bytes()));
        }

        @Override
        public boolean summaries(String source, Consumer<TraceSummary> each) throws IOException {
            Optional<CachedRegistry> copy = load(source);
            if (copy.isEmpty()) {
                return false;
            }
            String name = new String(copy.get().bytes(), StandardCharsets.UTF_8);
            if (!documents.containsKey(name)) {
                throw new RegistryFormatException("not a registry: " + name);
            }
            documents.get(name).traces().values().stream().map(TraceSummary::of).forEach(each);
            return true;
        }
    }

    /** Reads documents by name; counts the reads of a whole document in {@code wholeReads}. */
    record StubCodec(Map<String, Registry> documents, AtomicInteger wholeReads) implements RegistryCodec {
        StubCodec(Map<String, Registry> documents) {
            this(documents, new AtomicInteger());
        }

        @Override
        public Registry read(InputStream in) throws IOException {
            wholeReads.incrementAndGet();
            String name = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Registry registry = documents.get(name);
            if (registry == null) {
                throw new RegistryFormatException("not a registry: " + name);
            }
            return registry;
        }

        @Override
        public TraceEntry readEntry(TraceId id, InputStream in) throws IOException {
            String[] reference = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("#", 2);
            return documents.get(reference[0]).find(TraceId.of(reference[1])).orElseThrow();
        }

        @Override
        public void readEntries(InputStream in, Consumer<TraceEntry> consumer) throws IOException {
            read(in).traces().values().forEach(consumer);
        }

        @Override
        public Registry scan(InputStream in, EntryVisitor entries) throws IOException {
            Registry registry = read(in);
            for (TraceEntry entry : registry.traces().values()) {
                entries.entry(entry, 0, 0);
            }
            return withoutTraces(registry);
        }

        @Override
        public void write(Registry registry, OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String entrySnippet(org.phasic.traces.domain.registry.TraceEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TraceMetadata readMetadata(InputStream in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] writeMetadata(TraceMetadata metadata) {
            throw new UnsupportedOperationException();
        }
    }
}
