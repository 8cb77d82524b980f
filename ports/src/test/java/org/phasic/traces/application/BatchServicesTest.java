package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.TraceSelection;
import org.phasic.traces.ports.out.ContentSource.Tier;
import org.phasic.traces.ports.out.RegistryCache.CachedRegistry;
import org.phasic.traces.ports.out.RegistrySource;

/** Install and mirror batches: one outcome per trace, every trace attempted, typed failures for bad requests. */
class BatchServicesTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final TraceId UNKNOWN = TraceId.of("no_such_trace");
    private static final FetchSettings OFFLINE = new FetchSettings(true, Duration.ofSeconds(1), 1 << 20);

    private static TraceDirectory trace;

    private final MemoryTraceStore store = new MemoryTraceStore();
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void importTrace(@TempDir Path folder) throws IOException {
        trace = TraceDirectory.create(folder.resolve("v1"), "{\"n_vertices\": 5, \"version\": 1}");
    }

    private RegistryService registry() throws IOException {
        return RegistryFakes.service(RegistryFakes.registry(trace.entry(ID)), null, RegistryFakes.tripwire(), notices::add, true);
    }

    private FetchService fetch(RegistryService registry) {
        return new FetchService(registry, store, List.of(FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks())),
                notices::add, OFFLINE);
    }

    @Test
    void installingAFewIdsReadsOnlyTheirEntriesOfTheCachedRegistry() throws Exception {
        Map<String, Registry> documents = Map.of("last-good", RegistryFakes.registry(trace.entry(ID)));
        RegistryFakes.StubCodec codec = new RegistryFakes.StubCodec(documents);
        RegistryFakes.MemoryRegistryCache cache = new RegistryFakes.MemoryRegistryCache(documents);
        RegistrySource source = RegistryFakes.tripwire();
        cache.save(new CachedRegistry("last-good".getBytes(StandardCharsets.UTF_8), Optional.empty(), source.location(),
                RegistryFakes.CLOCK.instant()));
        RegistryService registry = new RegistryService(source, codec, cache, RegistryFakes.registry(), notices::add,
                RegistryFakes.CLOCK, Duration.ofDays(1), true);
        InstallService install = new InstallService(registry, fetch(registry));
        Map<TraceId, Long> expected = new ConcurrentHashMap<>();
        BatchItem.Listener listener = new BatchItem.Listener() {
            @Override
            public void expectedBytes(TraceId id, long bytes) {
                expected.put(id, bytes);
            }

            @Override
            public void finished(BatchItem item) {
            }
        };

        BatchOutcome few = install.install(new TraceSelection(Optional.empty(), List.of(ID, UNKNOWN)), 1, listener);

        assertThat(few.items()).extracting(BatchItem::status).containsExactly(BatchItem.Status.DONE, BatchItem.Status.FAILED);
        assertThat(expected).containsExactly(Map.entry(ID, FetchService.expectedBytes(trace.entry(ID))));
        assertThat(codec.wholeReads()).as("no whole read of the registry for a few ids").hasValue(0);
        BatchOutcome all = install.install(TraceSelection.byDefault(), 1, BatchItem.Listener.NONE);
        assertThat(all.ids()).containsExactly(ID);
        assertThat(codec.wholeReads()).as("everything: the registry read whole, once").hasValue(1);
    }

    @Test
    void installAttemptsEveryTraceAndTellsTheListenerAboutEach() throws Exception {
        RegistryService registry = registry();
        InstallService install = new InstallService(registry, fetch(registry));
        List<Integer> started = new ArrayList<>();
        List<BatchItem> finished = Collections.synchronizedList(new ArrayList<>());
        BatchItem.Listener listener = new BatchItem.Listener() {
            @Override
            public void started(int total) {
                started.add(total);
            }

            @Override
            public void finished(BatchItem item) {
                finished.add(item);
            }
        };

        BatchOutcome first = install.install(new TraceSelection(Optional.empty(), List.of(UNKNOWN, ID)), 2, listener);
        BatchOutcome again = install.install(TraceSelection.byDefault(), 1, BatchItem.Listener.NONE);

        assertThat(started).containsExactly(2);
        assertThat(finished).hasSize(2);
        assertThat(first.ids()).containsExactly(UNKNOWN, ID);
        assertThat(first.items().get(0).status()).isEqualTo(BatchItem.Status.FAILED);
        assertThat(first.items().get(0).error()).hasValueSatisfying(error -> assertThat(error).contains("unknown trace id"));
        assertThat(first.items().get(1).status()).isEqualTo(BatchItem.Status.DONE);
        assertThat(first.items().get(1).servedBy()).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(Provenance.Kind.BUNDLE));
        assertThat(first.ok()).isFalse();
        assertThat(again.ids()).as("the default selection is the whole registry").containsExactly(ID);
        assertThat(again.count(BatchItem.Status.SKIPPED)).isEqualTo(1);
        assertThat(again.items().get(0).servedBy()).contains(Provenance.STORE);
    }

    @Test
    void installTellsTheListenerTheRegistrySizeOfEveryKnownTraceBeforeItStarts() throws Exception {
        RegistryService registry = RegistryFakes.service(RegistryFakes.registry(trace.entryWithSizes(ID)), null,
                RegistryFakes.tripwire(), notices::add, true);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        BatchItem.Listener listener = new BatchItem.Listener() {
            @Override
            public void expectedBytes(TraceId id, long bytes) {
                events.add(id + " " + bytes);
            }

            @Override
            public void started(int total) {
                events.add("started " + total);
            }

            @Override
            public void finished(BatchItem item) {
                events.add("finished " + item.id());
            }
        };

        new InstallService(registry, fetch(registry)).install(new TraceSelection(Optional.empty(), List.of(ID, UNKNOWN)), 1,
                listener);

        assertThat(events).as("no size for an id the registry does not list").containsExactly(
                ID + " " + trace.traceBytes().length, "started 2", "finished " + ID, "finished " + UNKNOWN);
    }

    @Test
    void badRequestsAreTypedInputFailures() throws IOException {
        RegistryService registry = registry();
        InstallService install = new InstallService(registry, fetch(registry));

        assertThatThrownBy(() -> install.install(new TraceSelection(Optional.of("nope"), List.of()), 1, BatchItem.Listener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("unknown collection 'nope'");
        assertThatThrownBy(() -> install.install(TraceSelection.byDefault(), 0, BatchItem.Listener.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("jobs");
        assertThat(store.refs).isEmpty();
    }

    @Test
    void mirrorCommandsWithoutAMirrorSayHowToConfigureOne() throws IOException {
        RegistryService registry = registry();
        MirrorService mirror = new MirrorService(registry, store, fetch(registry), List.of(), notices::add, OFFLINE);

        assertThatThrownBy(() -> mirror.push(List.of(ID), 1, BatchItem.Listener.NONE))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.CONFIGURE_MIRROR)))
                .hasMessage("no private mirror is configured");
        assertThatThrownBy(mirror::list).isInstanceOf(InvalidInputException.class);
    }
}
