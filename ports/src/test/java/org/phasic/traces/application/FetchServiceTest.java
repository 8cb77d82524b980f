package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.ContentSource.Tier;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.TraceStore;

/** The fetch chain over real UnixFS blocks, with in-memory port fakes. */
class FetchServiceTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final FetchSettings ONLINE = new FetchSettings(false, Duration.ofSeconds(1), 1 << 20);
    private static final FetchSettings OFFLINE = new FetchSettings(true, Duration.ofSeconds(1), 1 << 20);

    private static TraceDirectory trace;
    private static TraceDirectory otherTrace;

    private final MemoryTraceStore store = new MemoryTraceStore();
    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void importTraces(@TempDir Path folder) throws IOException {
        trace = TraceDirectory.create(folder.resolve("v1"), "{\"n_vertices\": 5, \"version\": 1}");
        otherTrace = TraceDirectory.create(folder.resolve("v2"), "{\"n_vertices\": 5, \"version\": 2}");
    }

    private FetchService service(Registry bundled, Registry lastGood, RegistrySource registrySource, FetchSettings settings,
                                 ContentSource... sources) throws IOException {
        RegistryService registry = RegistryFakes.service(bundled, lastGood, registrySource, notices::add, settings.offline());
        return new FetchService(registry, store, List.of(sources), notices::add, settings);
    }

    private FetchService service(TraceEntry entry, FetchSettings settings, ContentSource... sources) throws IOException {
        return service(RegistryFakes.registry(entry), null, RegistryFakes.tripwire(), settings, sources);
    }

    private void assertNothingStored() {
        assertThat(store.refs).isEmpty();
        assertThat(store.objects).isEmpty();
        assertThat(store.openStagings()).as("staging files left behind").isZero();
    }

    @Test
    void aColdGetStoresTheVerifiedBytesFromTheFirstSourceThatHasThem() throws IOException {
        FakeSource empty = FakeSource.serving("empty mirror", false, Tier.MIRROR, new MemoryBlockStore());
        FakeSource good = FakeSource.serving("good gateway", true, Tier.GATEWAY, trace.blocks());

        FetchedTrace fetched = service(trace.entry(ID), ONLINE, good, empty).get(ID, false);

        assertThat(fetched.servedBy().name()).isEqualTo("good gateway");
        assertThat(fetched.fromStore()).isFalse();
        assertThat(empty.opens()).as("tried first because of its order").isEqualTo(1);
        assertThat(fetched.stored().rootCid()).isEqualTo(trace.root().toString());
        assertThat(store.objects.get(trace.traceFile().toString())).isEqualTo(trace.traceBytes());
        assertThat(fetched.stored().file(TraceEntry.METADATA_FILE)).isPresent();
        assertThat(store.openStagings()).isZero();
    }

    @Test
    void aStoreHitMakesNoNetworkCallAndTouchesNoSource() throws IOException {
        service(trace.entry(ID), ONLINE, FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks())).get(ID, false);
        FakeSource network = FakeSource.tripwire("gateway", true, Tier.GATEWAY);
        FakeSource local = FakeSource.tripwire("bundle", false, Tier.BUNDLE);

        FetchedTrace hit = service(trace.entry(ID), ONLINE, local, network).get(ID, false);

        assertThat(hit.fromStore()).isTrue();
        assertThat(hit.servedBy()).isEqualTo(org.phasic.traces.ports.in.Provenance.STORE);
        assertThat(network.opens() + local.opens()).isZero();
    }

    @Test
    void aSourceIsAskedOnceForTheWholeDirectory() throws IOException {
        List<String> paths = new ArrayList<>();
        FakeSource gateway = new FakeSource("gateway", true, Tier.GATEWAY, (root, path) -> {
            paths.add(path);
            return java.util.Optional.of(BlockFeed.Lookup.of(trace.blocks()));
        });

        FetchedTrace fetched = service(trace.entry(ID), ONLINE, gateway).get(ID, false);

        assertThat(paths).containsExactly("");
        assertThat(store.objects.get(trace.traceFile().toString())).isEqualTo(trace.traceBytes());
        assertThat(fetched.stored().file(TraceEntry.METADATA_FILE)).isPresent();
        assertThat(store.openStagings()).isZero();
    }

    @Test
    void aWholeDirectoryKeepsEveryFileItHolds(@TempDir Path folder) throws IOException {
        TraceDirectory withCode = TraceDirectory.create(folder, "{\"n_vertices\": 5, \"code\": true}",
                Map.of("example.py", "print('theta')\n", "checksum.sha256", "abc  trace.json.gz\n"));

        FetchedTrace fetched = service(withCode.entry(ID), ONLINE,
                FakeSource.serving("gateway", true, Tier.GATEWAY, withCode.blocks())).get(ID, false);

        assertThat(fetched.stored().files().keySet())
                .containsExactlyInAnyOrder("checksum.sha256", "example.py", TraceEntry.METADATA_FILE, TraceEntry.TRACE_FILE);
        assertThat(new String(store.objects.get(fetched.stored().file("example.py").orElseThrow().cid()), StandardCharsets.UTF_8))
                .isEqualTo("print('theta')\n");
        assertThat(store.openStagings()).isZero();
    }

    @Test
    void aChecksumTheStoreCanRemakeIsLeftOutAndTheWholeDirectoryIsStillProven(@TempDir Path folder) throws IOException {
        String traceText = "{\"n_vertices\": 5, \"remade\": true}";
        String checksum = Sha256.hex(traceText.getBytes(StandardCharsets.UTF_8)) + "  " + TraceEntry.TRACE_FILE + "\n";
        TraceDirectory packaged = TraceDirectory.create(folder.resolve("published"), traceText,
                Map.of("example.py", "print(2)\n", TracePackager.CHECKSUM_FILE, checksum));
        MemoryTraceStore onDisk = new MemoryTraceStore(folder.resolve("store"));
        RegistryService registry = RegistryFakes.service(RegistryFakes.registry(packaged.entry(ID)), null,
                RegistryFakes.tripwire(), notices::add, false);

        FetchedTrace fetched = new FetchService(registry, onDisk,
                List.of(FakeSource.serving("gateway", true, Tier.GATEWAY, packaged.blocks())), notices::add, ONLINE).get(ID, false);

        assertThat(fetched.stored().files().keySet())
                .containsExactlyInAnyOrder("example.py", TraceEntry.METADATA_FILE, TraceEntry.TRACE_FILE);
        assertThat(onDisk.openStagings()).isZero();
        assertThat(VerifiedBlockIndex.derive(fetched.stored(), packaged.root())).as("proven with the checksum re-made").isPresent();
        assertThat(VerifiedBlockIndex.derive(new TraceStore.StoredTrace(ID, packaged.root().toString(),
                Map.of(TraceEntry.TRACE_FILE, fetched.stored().file(TraceEntry.TRACE_FILE).orElseThrow(),
                        TraceEntry.METADATA_FILE, fetched.stored().file(TraceEntry.METADATA_FILE).orElseThrow())), packaged.root()))
                .as("without the code file it is not the directory").isEmpty();
    }

    @Test
    void aDirectoryBeyondTheBoundsOrWithASubFolderOrAnUnsafeNameKeepsOnlyTheKnownFiles(@TempDir Path folder) throws IOException {
        Map<String, String> twoExtras = Map.of("example.py", "print(1)\n", "checksum.sha256", "abc  trace.json.gz\n");
        TraceDirectory two = TraceDirectory.create(folder.resolve("two"), "{\"v\": 1}", twoExtras);
        TraceDirectory nested = TraceDirectory.create(folder.resolve("nested"), "{\"v\": 2}", Map.of("code/example.py", "x"));
        TraceDirectory device = TraceDirectory.create(folder.resolve("device"), "{\"v\": 3}", Map.of("CON.txt", "x"));
        long extraBytes = PBNode.decode(two.blocks().fetch(two.root()).orElseThrow()).links().stream()
                .filter(link -> twoExtras.containsKey(link.name())).mapToLong(PBLink::tsize).sum();

        for (var check : List.of(
                Map.entry(two, ONLINE.withExtraFiles(1, 1 << 20)),
                Map.entry(two, ONLINE.withExtraFiles(2, extraBytes - 1)),
                Map.entry(nested, ONLINE),
                Map.entry(device, ONLINE))) {
            store.refs.clear();
            FetchedTrace fetched = service(check.getKey().entry(ID), check.getValue(),
                    FakeSource.serving("gateway", true, Tier.GATEWAY, check.getKey().blocks())).get(ID, false);

            assertThat(fetched.stored().files().keySet()).containsExactlyInAnyOrder(TraceEntry.METADATA_FILE, TraceEntry.TRACE_FILE);
            assertThat(store.openStagings()).as("staging files left behind").isZero();
        }
        store.refs.clear();
        assertThat(service(two.entry(ID), ONLINE.withExtraFiles(2, extraBytes),
                FakeSource.serving("gateway", true, Tier.GATEWAY, two.blocks())).get(ID, false).stored().files())
                .as("exactly at the bounds (the sizes the directory declares)").hasSize(4);
    }

    @Test
    void anExtraFileTheSourceLacksIsDroppedAndTheTraceStillArrives(@TempDir Path folder) throws IOException {
        TraceDirectory withCode = TraceDirectory.create(folder, "{\"n_vertices\": 5}", Map.of("example.py", "print('lost')\n"));
        Cid lost = new UnixFsImporter(ImportProfile.KUBO)
                .importFile(new ByteArrayInputStream("print('lost')\n".getBytes(StandardCharsets.UTF_8))).cid();
        MemoryBlockStore partial = new MemoryBlockStore();
        withCode.blocks().blocks().stream().filter(block -> !block.cid().equals(lost)).forEach(partial::accept);
        assertThat(partial.blocks()).hasSize(withCode.blocks().blocks().size() - 1);

        FetchedTrace fetched = service(withCode.entry(ID), ONLINE, FakeSource.serving("gateway", true, Tier.GATEWAY, partial))
                .get(ID, false);

        assertThat(fetched.stored().rootCid()).isEqualTo(withCode.root().toString());
        assertThat(fetched.stored().files().keySet()).containsExactlyInAnyOrder(TraceEntry.METADATA_FILE, TraceEntry.TRACE_FILE);
        assertThat(store.openStagings()).isZero();
        assertThat(notices).isEmpty();
    }

    @Test
    void anIncompleteOrRefusedWholeDirectoryFallsBackToOneRequestPerFile() throws IOException {
        MemoryBlockStore withoutTraceFile = new MemoryBlockStore();
        trace.blocks().blocks().stream().filter(block -> !block.cid().equals(trace.traceFile()))
                .forEach(withoutTraceFile::accept);
        List<String> incompletePaths = new ArrayList<>();
        FakeSource incomplete = new FakeSource("incomplete", true, Tier.GATEWAY, (root, path) -> {
            incompletePaths.add(path);
            return java.util.Optional.of(BlockFeed.Lookup.of(path.isEmpty() ? withoutTraceFile : trace.blocks()));
        });
        List<String> refusingPaths = new ArrayList<>();
        FakeSource refusing = new FakeSource("refusing", true, Tier.GATEWAY, (root, path) -> {
            refusingPaths.add(path);
            if (path.isEmpty()) {
                throw new IOException("HTTP 406: no whole directories here");
            }
            return java.util.Optional.of(BlockFeed.Lookup.of(trace.blocks()));
        });

        service(trace.entry(ID), ONLINE, incomplete).get(ID, false);
        store.refs.clear();
        store.objects.clear();
        service(trace.entry(ID), ONLINE, refusing).get(ID, false);

        assertThat(incompletePaths).containsExactly("", TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE);
        assertThat(refusingPaths).containsExactly("", TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE);
        assertThat(store.objects.get(trace.traceFile().toString())).isEqualTo(trace.traceBytes());
        assertThat(store.openStagings()).isZero();
        assertThat(notices).isEmpty();
    }

    @Test
    void aSourceServingBadBytesIsReportedAndTheNextSourceIsUsed() throws IOException {
        FakeSource liar = FakeSource.serving("lying gateway", true, Tier.DAEMON, trace.withFlippedTraceByte());
        FakeSource honest = FakeSource.serving("honest gateway", true, Tier.GATEWAY, trace.blocks());

        FetchedTrace fetched = service(trace.entry(ID), ONLINE, liar, honest).get(ID, false);

        assertThat(fetched.servedBy().name()).isEqualTo("honest gateway");
        assertThat(liar.opens()).isEqualTo(1);
        assertThat(notices).singleElement().asString()
                .startsWith("lying gateway: served bad content (").contains("hash").endsWith("trying the next source");
        assertThat(store.objects.get(trace.traceFile().toString())).isEqualTo(trace.traceBytes());
        assertThat(store.openStagings()).isZero();
    }

    @Test
    void bytesThatMatchTheCidButNotTheRegistryChecksumAreRefused() throws IOException {
        TraceEntry entry = trace.entry(ID, "sha256:" + Sha256.hex(otherTrace.traceBytes()));
        FakeSource source = FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks());

        assertThatThrownBy(() -> service(entry, ONLINE, source).get(ID, false))
                .isInstanceOf(TraceUnavailableException.class)
                .hasMessageContaining("could not fetch kingman_n5_theta1")
                .hasMessageContaining("matches its CID but not the registry checksum (sha256:" + Sha256.hex(trace.traceBytes()));
        assertNothingStored();
    }

    @Test
    void whenEverySourceFailsNothingIsStoredAndEachFailureIsNamed() throws IOException {
        FakeSource liar = FakeSource.serving("liar", true, 10, trace.withFlippedTraceByte());
        FakeSource partial = FakeSource.serving("partial", true, 20, trace.withoutTraceBlock());
        FakeSource down = FakeSource.failing("down", 30, "connection refused");
        FakeSource empty = FakeSource.serving("empty", true, 40, otherTrace.blocks());

        assertThatThrownBy(() -> service(trace.entry(ID), ONLINE, down, empty, partial, liar).get(ID, false))
                .isInstanceOfSatisfying(TraceUnavailableException.class, e -> {
                    assertThat(e.reasons()).hasSize(4);
                    assertThat(e.reasons().get(0)).startsWith("liar: served bad content");
                    assertThat(e.reasons().get(1)).startsWith("partial: served bad content");
                    assertThat(e.reasons().get(2)).isEqualTo("down: connection refused");
                    assertThat(e.reasons().get(3)).isEqualTo("empty: does not have " + trace.root());
                    assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.CHECK_NETWORK_OR_OTHER_SOURCE));
                });
        assertNothingStored();
    }

    @Test
    void offlineSkipsNetworkSources() throws IOException {
        FakeSource network = FakeSource.tripwire("gateway", true, 1);
        FakeSource bundle = FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks());
        FetchService service = service(trace.entry(ID), OFFLINE, network, bundle);

        FetchedTrace fetched = service.get(ID, false);

        assertThat(service.sources()).containsExactly(bundle);
        assertThat(fetched.servedBy().name()).isEqualTo("bundle");
        assertThat(network.opens()).isZero();
    }

    @Test
    void anOfflineMissFailsAtOnceWithAClearMessage() throws IOException {
        FakeSource network = FakeSource.tripwire("gateway", true, Tier.GATEWAY);

        assertThatThrownBy(() -> service(trace.entry(ID), OFFLINE, network).get(ID, false))
                .isInstanceOfSatisfying(TraceUnavailableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("could not fetch kingman_n5_theta1");
                    assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.GO_ONLINE));
                });
        assertThat(network.opens()).isZero();
        assertNothingStored();
    }

    @Test
    void anUnknownIdRefreshesTheRegistryOnceOnlineAndNeverOffline() throws IOException {
        TraceId unknown = TraceId.of("no_such_trace");
        RegistryFakes.CountingSource online = new RegistryFakes.CountingSource();
        FetchService onlineService = service(RegistryFakes.registry(trace.entry(ID)), null, online, ONLINE);

        assertThatThrownBy(() -> onlineService.get(unknown, false)).isInstanceOfSatisfying(UnknownTraceException.class,
                        e -> assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.LIST_TRACES)))
                .hasMessage("unknown trace id 'no_such_trace'");
        assertThat(online.fetches).hasValue(1);

        FetchService offlineService = service(RegistryFakes.registry(trace.entry(ID)), null, RegistryFakes.tripwire(), OFFLINE);
        assertThatThrownBy(() -> offlineService.get(unknown, false)).isInstanceOfSatisfying(UnknownTraceException.class,
                e -> assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.LIST_TRACES_OFFLINE)));
    }

    @Test
    void theBundledCopyIsUsedWhenTheRegistrysCidCannotBeFetched() throws IOException {
        Registry bundled = RegistryFakes.registry(trace.entry(ID));
        Registry downloaded = RegistryFakes.registry(otherTrace.entry(ID));
        FakeSource bundle = FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks());

        FetchedTrace fetched = service(bundled, downloaded, RegistryFakes.tripwire(), OFFLINE, bundle).get(ID, false);

        assertThat(fetched.entry().cid()).isEqualTo(trace.root().toString());
        assertThat(fetched.servedBy().name()).isEqualTo("bundle");
        assertThat(notices).singleElement().asString().startsWith("using the bundled copy of kingman_n5_theta1 (CID " + trace.root())
                .contains("the registry's CID " + otherTrace.root() + " could not be fetched");
        assertThat(bundle.opens()).as("tried for the registry's CID, then the bundled one").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theRegistrysCidWinsWhenASourceHasIt() throws IOException {
        Registry bundled = RegistryFakes.registry(trace.entry(ID));
        Registry downloaded = RegistryFakes.registry(otherTrace.entry(ID));
        FakeSource mirror = FakeSource.serving("mirror", false, Tier.MIRROR, otherTrace.blocks());

        FetchedTrace fetched = service(bundled, downloaded, RegistryFakes.tripwire(), OFFLINE, mirror).get(ID, false);

        assertThat(fetched.entry().cid()).isEqualTo(otherTrace.root().toString());
        assertThat(notices).isEmpty();
    }

    @Test
    void forceFetchesAgainDespiteAStoreHit() throws IOException {
        FakeSource bundle = FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks());
        FetchService service = service(trace.entry(ID), ONLINE, bundle);
        service.get(ID, false);

        FetchedTrace again = service.get(ID, true);

        assertThat(again.servedBy().name()).isEqualTo("bundle");
        assertThat(bundle.opens()).isEqualTo(2);
        assertThat(store.objects.get(trace.traceFile().toString())).isEqualTo(trace.traceBytes());
    }

    @Test
    void progressHearsTheRegistrySizeBeforeTheTransferAndALineWhileEachFileIsVerified() throws IOException {
        RegistryService registry = RegistryFakes.service(RegistryFakes.registry(trace.entryWithSizes(ID)), null,
                RegistryFakes.tripwire(), notices::add, false);
        List<String> events = new ArrayList<>();
        TransferProgress progress = new TransferProgress() {
            @Override
            public void expecting(String what, long bytes) {
                events.add("expecting " + what + " " + bytes);
            }

            @Override
            public void verifying(String what, long bytes) {
                events.add("verifying " + what + " " + bytes);
            }

            @Override
            public void verified(String what) {
                events.add("verified " + what);
            }
        };
        FetchService fetch = new FetchService(registry, store,
                () -> List.of(FakeSource.serving("gateway", true, Tier.GATEWAY, trace.blocks())), notices::add, ONLINE,
                FetchListener.NONE, progress);

        fetch.get(ID, false);
        fetch.get(ID, false);

        int size = trace.traceBytes().length;
        assertThat(events).as("a store hit transfers and verifies nothing; files in the directory's order").containsExactly(
                "expecting " + ID + " " + size,
                "verifying " + ID + "/metadata.json 0", "verified " + ID + "/metadata.json",
                "verifying " + ID + "/trace.json.gz " + size, "verified " + ID + "/trace.json.gz");
    }
}
