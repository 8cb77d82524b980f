package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.in.RegistryUpdate;
import org.phasic.traces.ports.out.RegistryCache.CachedRegistry;
import org.phasic.traces.ports.out.RegistrySource;

class RegistryServiceTest {
    private static final TraceId IN_FIRST = TraceId.of("in_first");
    private static final TraceId IN_SECOND = TraceId.of("in_second");
    private static final TraceId BUNDLED = TraceId.of("bundled_one");

    private final Map<String, Registry> documents = Map.of(
            "first-doc", RegistryFakes.registry(entry(IN_FIRST)),
            "second-doc", RegistryFakes.registry(entry(IN_SECOND)));
    private final RegistryFakes.MemoryRegistryCache cache = new RegistryFakes.MemoryRegistryCache(documents);
    private final List<String> notices = new ArrayList<>();

    private static TraceEntry entry(TraceId id) {
        return new TraceEntry(id, "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "test", null, Map.of(), null, "MIT", null, Map.of());
    }

    /** Serves document {@code name} from {@code location}, counting fetches. */
    private record Serving(String location, String name, AtomicInteger fetches) implements RegistrySource {
        Serving(String location, String name) {
            this(location, name, new AtomicInteger());
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag) throws IOException {
            fetches.incrementAndGet();
            if (name == null) {
                throw new IOException("cannot fetch the registry from " + location + ": connection refused. Hint: check the network");
            }
            return new RegistryDownload.Fetched(name.getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
    }

    private RegistryService service(RegistrySource source, boolean offline) {
        return new RegistryService(source, new RegistryFakes.StubCodec(documents), cache, RegistryFakes.registry(entry(BUNDLED)),
                notices::add, RegistryFakes.CLOCK, Duration.ofDays(1), offline);
    }

    private static List<TraceId> ids(List<TraceEntry> entries) {
        return entries.stream().map(TraceEntry::id).toList();
    }

    @Test
    void eachSourceSeesItsOwnRegistryAtOnceInBothDirections() {
        Serving first = new Serving("https://first.invalid/registry.json", "first-doc");
        Serving second = new Serving("https://second.invalid/registry.json", "second-doc");

        assertThat(ids(service(first, false).list(RegistryQuery.all()))).containsExactly(BUNDLED, IN_FIRST);
        assertThat(ids(service(second, false).list(RegistryQuery.all()))).containsExactly(BUNDLED, IN_SECOND);
        RegistryService back = service(first, false);
        assertThat(back.find(IN_FIRST)).isPresent();
        assertThat(back.find(IN_SECOND)).isEmpty();
        assertThat(ids(back.candidates(IN_FIRST))).containsExactly(IN_FIRST);
        assertThat(ids(service(second, true).list(RegistryQuery.all()))).as("offline, the second source's own copy")
                .containsExactly(BUNDLED, IN_SECOND);
        assertThat(first.fetches()).as("the first copy was still fresh when switching back").hasValue(1);
        assertThat(second.fetches()).hasValue(1);
        assertThat(notices).isEmpty();
    }

    @Test
    void aFailedRefreshIsNoticedOncePerProcessAndNotByTheUpdateUseCase() {
        Serving down = new Serving("https://down.invalid/registry.json", null);
        RegistryService service = service(down, false);

        assertThat(ids(service.list(RegistryQuery.all()))).containsExactly(BUNDLED);
        assertThat(service.find(BUNDLED)).isPresent();
        service.refresh();
        assertThat(service.current().find(BUNDLED)).isPresent();

        assertThat(notices).singleElement().isEqualTo("could not update the registry from https://down.invalid/registry.json"
                + " (connection refused); using the bundled registry. Hint: check the network");
        RegistryUpdate update = service.update();
        assertThat(update.outcome()).isEqualTo(RegistryUpdate.Outcome.FAILED_KEPT_LAST_GOOD);
        assertThat(update.message()).isEqualTo(notices.get(0));
        assertThat(notices).hasSize(1);
    }

    @Test
    void summariesAreTheListingsEntriesReadThroughTheCachesIndex() throws IOException {
        Serving first = new Serving("https://first.invalid/registry.json", "first-doc");
        service(first, false).update();
        RegistryService fresh = service(first, true);
        RegistryQuery tests = new RegistryQuery(Optional.empty(), Optional.empty(), List.of(), Optional.of("TEST"));

        assertThat(fresh.summaries(RegistryQuery.all())).extracting(TraceSummary::id).containsExactly(BUNDLED, IN_FIRST);
        assertThat(fresh.summaries(tests)).isEqualTo(fresh.list(tests).stream().map(TraceSummary::of).toList());
        assertThat(service(first, true).summaries(new RegistryQuery(Optional.of("none"), Optional.empty(), List.of(), Optional.empty())))
                .isEmpty();

        assertThat(notices).isEmpty();

        cache.save(new CachedRegistry("garbage".getBytes(StandardCharsets.UTF_8), Optional.empty(), first.location(), RegistryFakes.CLOCK.instant()));
        assertThat(service(first, true).summaries(RegistryQuery.all())).extracting(TraceSummary::id).containsExactly(BUNDLED);
        assertThat(notices).singleElement().isEqualTo("ignoring the cached registry (not a registry: garbage)");
    }
}
