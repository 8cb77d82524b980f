package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Event;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Event.Kind;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Pass;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Request;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Schedule;
import org.phasic.traces.ports.in.StoreListing;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.in.StoreProblem;
import org.phasic.traces.ports.out.ContentSource.Tier;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.MirrorPins;
import org.phasic.traces.ports.out.RemotePinning;

/** The mirror loop over the real registry and install services: outages, back-off, pins made once, stops between steps. */
class RegistryMirrorServiceTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Request ALL = new Request(List.of(), true, 2);

    private static TraceDirectory trace;

    private final MemoryTraceStore store = new MemoryTraceStore();
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final ScriptedSource source = new ScriptedSource();
    private final RecordingGc gc = new RecordingGc();
    private final RecordingPinning pinning = new RecordingPinning();
    private final MemoryPins pins = new MemoryPins();
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void importTrace(@TempDir Path folder) throws IOException {
        trace = TraceDirectory.create(folder.resolve("v1"), "{\"n_vertices\": 5, \"version\": 1}");
    }

    private RegistryMirrorService mirror() {
        Map<String, Registry> documents = Map.of("with-trace", RegistryFakes.registry(trace.entry(ID)),
                "collections", RegistryFakes.registry(trace.entry(ID)));
        RegistryService registry = new RegistryService(source, new RegistryFakes.StubCodec(documents),
                new RegistryFakes.MemoryRegistryCache(documents), RegistryFakes.registry(), message -> { },
                RegistryFakes.CLOCK, Duration.ofDays(1), false);
        FetchService fetch = new FetchService(registry, store,
                List.of(FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks())), message -> { },
                new FetchSettings(true, Duration.ofSeconds(1), 1 << 20));
        return new RegistryMirrorService(registry, new InstallService(registry, fetch), gc, () -> List.of(pinning), pins,
                notices::add, RegistryFakes.CLOCK);
    }

    private List<Kind> kinds() {
        return events.stream().map(Event::kind).toList();
    }

    @Test
    void aRegistryOutageIsLoggedRetriedSoonerAndTheNextPassMirrors() throws Exception {
        // the second "down" answers the install's own refresh of a registry it has never seen (once per process)
        source.script("down", "down", "with-trace", "not-modified");
        CountingSchedule schedule = new CountingSchedule(2);

        Pass last = mirror().run(ALL, INTERVAL, schedule, events::add);

        assertThat(schedule.pauses).as("a failed pass is retried after a minute, a clean one after the interval")
                .containsExactly(Duration.ofMinutes(1), INTERVAL, INTERVAL);
        assertThat(kinds()).containsExactly(Kind.FAILED, Kind.RETRYING, Kind.REGISTRY_UPDATED, Kind.INSTALLED, Kind.PINNED);
        assertThat(events.get(0).message()).contains("could not update the registry from scripted registry", "down for maintenance");
        assertThat(events.get(3).message()).startsWith("installed " + ID);
        assertThat(events).allSatisfy(event -> assertThat(event.at()).isEqualTo(RegistryFakes.CLOCK.instant()));
        assertThat(gc.calls).as("no collection on a failed refresh").isEqualTo(2);
        assertThat(pinning.pinned).as("pinned once while the loop runs").containsExactly(trace.root() + " " + ID);
        assertThat(store.refs).containsKey(ID);
        assertThat(last).isEqualTo(new Pass(0, 0, 0, 0, false));
    }

    @Test
    void aRestartedMirrorDoesNotPinAgainWhatItsRecordHolds() throws Exception {
        source.script("with-trace");
        mirror().pass(ALL, new CountingSchedule(0), events::add);
        assertThat(pinning.pinned).containsExactly(trace.root() + " " + ID);
        assertThat(pins.saved).as("recorded after the pin").containsExactly(Map.of("test pinning", Set.of(trace.root().toString())));

        source.script("with-trace");
        Pass restarted = mirror().pass(ALL, new CountingSchedule(0), events::add);

        assertThat(restarted.pinned()).isZero();
        assertThat(pinning.pinned).as("not asked again").hasSize(1);
        assertThat(notices).isEmpty();
    }

    @Test
    void anUnreadableRecordIsNoticedOnceAndTheTracesArePinnedAgain() throws Exception {
        pins.unreadable = true;
        source.script("with-trace", "not-modified");
        CountingSchedule schedule = new CountingSchedule(1);

        mirror().run(ALL, INTERVAL, schedule, events::add);

        assertThat(notices).singleElement().asString().startsWith("cannot read the record of the mirror's pins (garbled)");
        assertThat(pinning.pinned).as("once for the process").hasSize(1);
        assertThat(pins.saved).hasSize(1);
    }

    @Test
    void failedPinsAndCollectionsAreCountedAndBackOffDoubles() throws Exception {
        source.script("with-trace", "not-modified", "not-modified");
        pinning.failing = true;
        CountingSchedule schedule = new CountingSchedule(2);
        gc.collect = List.of("old_trace");

        Pass last = mirror().run(ALL, INTERVAL, schedule, events::add);

        assertThat(schedule.pauses).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4));
        assertThat(events).filteredOn(event -> event.kind() == Kind.COLLECTED).hasSize(3).first()
                .satisfies(event -> assertThat(event.message()).startsWith("collected old_trace"));
        assertThat(events).filteredOn(event -> event.kind() == Kind.FAILED).hasSize(3)
                .allSatisfy(event -> assertThat(event.message()).contains("could not pin " + ID, "pinning service refused"));
        assertThat(last.failures()).isEqualTo(1);
        assertThat(last.collected()).isEqualTo(1);
    }

    @Test
    void aLaterPassThatThrowsIsLoggedAndTheLoopGoesOn() throws Exception {
        source.script("with-trace", "throw", "not-modified");
        CountingSchedule schedule = new CountingSchedule(2);

        mirror().run(new Request(List.of(), false, 1), INTERVAL, schedule, events::add);

        assertThat(events).filteredOn(event -> event.kind() == Kind.FAILED).singleElement()
                .satisfies(event -> assertThat(event.message()).isEqualTo("pass failed: registry exploded"));
        assertThat(schedule.pauses).containsExactly(INTERVAL, Duration.ofMinutes(1), INTERVAL);
        assertThat(pinning.pinned).as("no pins unless asked").isEmpty();
    }

    @Test
    void aStopAskedDuringAPassEndsItBetweenSteps() throws Exception {
        source.script("with-trace");
        Schedule stopAtOnce = new CountingSchedule(0) {
            @Override
            public boolean stopping() {
                return true;
            }
        };

        Pass pass = mirror().run(ALL, INTERVAL, stopAtOnce, events::add);

        assertThat(pass.stopped()).isTrue();
        assertThat(kinds()).containsExactly(Kind.REGISTRY_UPDATED);
        assertThat(store.refs).as("nothing installed after the stop").isEmpty();
        assertThat(gc.calls).isZero();
    }

    @Test
    void anUnknownCollectionIsTheCallersMistake() {
        source.script("with-trace");

        assertThatThrownBy(() -> mirror().run(new Request(List.of("nope"), false, 1), INTERVAL, new CountingSchedule(1), events::add))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("unknown collection 'nope'");
    }

    @Test
    void retryPausesDoubleUpToTheInterval() {
        assertThat(RegistryMirrorService.retryPause(1, INTERVAL)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RegistryMirrorService.retryPause(3, INTERVAL)).isEqualTo(Duration.ofMinutes(4));
        assertThat(RegistryMirrorService.retryPause(7, INTERVAL)).isEqualTo(INTERVAL);
        assertThat(RegistryMirrorService.retryPause(64, INTERVAL)).isEqualTo(INTERVAL);
        assertThat(RegistryMirrorService.retryPause(1, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }

    /** Answers each fetch with the next scripted document, {@code down} (an I/O error) or {@code not-modified}. */
    private static final class ScriptedSource implements RegistrySource {
        private final Deque<String> script = new ArrayDeque<>();

        void script(String... answers) {
            script.addAll(List.of(answers));
        }

        @Override
        public String location() {
            return "scripted registry";
        }

        @Override
        public RegistryDownload fetch(Optional<String> etag) throws IOException {
            String next = script.isEmpty() ? "not-modified" : script.poll();
            return switch (next) {
                case "down" -> throw new IOException("scripted registry answered 503: down for maintenance");
                case "throw" -> throw new IllegalStateException("registry exploded");
                case "not-modified" -> new RegistryDownload.NotModified();
                default -> new RegistryDownload.Fetched(next.getBytes(StandardCharsets.UTF_8), Optional.of("\"" + next + "\""));
            };
        }
    }

    /** Lets {@code passes} waits go on, then stops; records every pause asked for. */
    private static class CountingSchedule implements Schedule {
        final List<Duration> pauses = new ArrayList<>();
        private final int passes;

        CountingSchedule(int passes) {
            this.passes = passes;
        }

        @Override
        public boolean stopping() {
            return false;
        }

        @Override
        public boolean await(Duration pause) {
            pauses.add(pause);
            return pauses.size() <= passes;
        }
    }

    private static final class RecordingPinning implements RemotePinning {
        final List<String> pinned = new ArrayList<>();
        boolean failing;

        @Override
        public String name() {
            return "test pinning";
        }

        @Override
        public String pin(Cid root, String name) throws IOException {
            if (failing) {
                throw new IOException("pinning service refused");
            }
            pinned.add(root + " " + name);
            return "queued";
        }

        @Override
        public Optional<String> status(Cid root) {
            return pinned.stream().anyMatch(line -> line.startsWith(root + " ")) ? Optional.of("queued") : Optional.empty();
        }
    }

    /** The record of pins in memory, shared by the mirrors of one test (a restart); can be unreadable. */
    private static final class MemoryPins implements MirrorPins {
        final List<Map<String, Set<String>>> saved = new ArrayList<>();
        boolean unreadable;

        @Override
        public Map<String, Set<String>> load() throws IOException {
            if (unreadable) {
                throw new IOException("garbled");
            }
            return saved.isEmpty() ? Map.of() : saved.get(saved.size() - 1);
        }

        @Override
        public void save(Map<String, Set<String>> pinned) {
            Map<String, Set<String>> copy = new java.util.HashMap<>();
            pinned.forEach((target, cids) -> copy.put(target, Set.copyOf(cids)));
            saved.add(copy);
        }
    }

    private static final class RecordingGc implements StoreMaintenanceUseCase {
        int calls;
        List<String> collect = List.of();

        @Override
        public GcReport gc(boolean dryRun) {
            assertThat(dryRun).isFalse();
            calls++;
            return new GcReport(collect, List.of(), 0, false);
        }

        @Override
        public List<StoreProblem> verify(boolean fix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<TraceId> pin(List<TraceId> ids, boolean pinned) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoreListing list() {
            throw new UnsupportedOperationException();
        }

        @Override
        public GcReport remove(List<TraceId> ids) {
            throw new UnsupportedOperationException();
        }
    }
}
