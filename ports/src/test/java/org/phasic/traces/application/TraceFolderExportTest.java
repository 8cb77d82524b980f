package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.TraceFolder;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.ContentSource.Tier;
import org.phasic.traces.ports.out.TraceCodec;

/** {@link TraceService#folder}: the whole directory from the store or the sources, verified, into a folder. */
class TraceFolderExportTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final FetchSettings ONLINE = new FetchSettings(false, Duration.ofSeconds(1), 1 << 20);
    private static final FetchSettings OFFLINE = new FetchSettings(true, Duration.ofSeconds(1), 1 << 20);

    private static TraceDirectory trace;

    @TempDir
    Path temp;

    /** Folders are written without parsing the trace. */
    private static final TraceCodec UNUSED_CODEC = new TraceCodec() {
        @Override
        public EliminationTrace read(InputStream in) {
            throw new AssertionError("folder parsed the trace");
        }

        @Override
        public byte[] toJson(EliminationTrace trace) {
            throw new AssertionError("not used");
        }

        @Override
        public byte[] toGzip(EliminationTrace trace) {
            throw new AssertionError("not used");
        }
    };

    private MemoryTraceStore store;
    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void importTrace(@TempDir Path folder) throws IOException {
        trace = TraceDirectory.create(folder.resolve("v1"), "{\"n_vertices\": 5}", Map.of("example.py", "print('theta')\n"));
    }

    @BeforeEach
    void emptyStore() {
        store = new MemoryTraceStore(temp.resolve("store"));
    }

    private TraceService service(ContentSource... sources) throws IOException {
        return service(ONLINE, sources);
    }

    private TraceService service(FetchSettings settings, ContentSource... sources) throws IOException {
        RegistryService registry = RegistryFakes.service(RegistryFakes.registry(trace.entry(ID)), null, RegistryFakes.tripwire(),
                notices::add, settings.offline());
        return new TraceService(new FetchService(registry, store, List.of(sources), notices::add, settings), UNUSED_CODEC);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyEntryIsWrittenFromTheFirstSourceWithTheWholeDirectory() throws IOException {
        FakeSource liar = FakeSource.serving("liar", true, Tier.DAEMON, trace.withFlippedTraceByte());
        FakeSource good = FakeSource.serving("good", true, Tier.GATEWAY, trace.blocks());

        TraceFolder folder = service(good, liar).folder(ID, temp.resolve("out"), false);

        assertThat(folder.servedBy().name()).as("fetched in this call, then written from the store").isEqualTo("good");
        assertThat(names(temp.resolve("out"))).containsExactly("example.py", "metadata.json", "trace.json.gz");
        assertThat(Files.readAllBytes(temp.resolve("out/trace.json.gz"))).isEqualTo(trace.traceBytes());
        assertThat(folder.bytes()).isEqualTo(trace.traceBytes().length + Files.size(temp.resolve("out/metadata.json"))
                + Files.size(temp.resolve("out/example.py")));
    }

    @Test
    void aStoreHoldingTheWholeDirectoryWritesItWithoutAnySource() throws IOException {
        service(FakeSource.serving("gateway", true, Tier.GATEWAY, trace.blocks())).files(ID, false);
        FakeSource bundle = FakeSource.tripwire("bundle", false, Tier.BUNDLE);
        FakeSource gateway = FakeSource.tripwire("gateway", true, Tier.GATEWAY);

        TraceFolder folder = service(OFFLINE, bundle, gateway).folder(ID, temp.resolve("out"), false);

        assertThat(folder.servedBy()).isEqualTo(Provenance.STORE);
        assertThat(names(temp.resolve("out"))).containsExactly("example.py", "metadata.json", "trace.json.gz");
        assertThat(Files.readString(temp.resolve("out/example.py"))).isEqualTo("print('theta')\n");
        assertThat(bundle.opens() + gateway.opens()).isZero();
    }

    @Test
    void withNoSourceForTheDirectoryNothingIsWrittenAndTheStoreIsNamed() throws IOException {
        TraceService service = service(ONLINE.withExtraFiles(0, 0), FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks()));
        service.files(ID, false);
        assertThat(store.refs.get(ID).files()).as("the store keeps the known files only").hasSize(2);
        TraceService storeOnly = service(FakeSource.serving("partial", false, Tier.BUNDLE, trace.withoutTraceBlock()));

        assertThatThrownBy(() -> storeOnly.folder(ID, temp.resolve("out"), false))
                .isInstanceOf(TraceUnavailableException.class)
                .hasMessageContaining("partial: ")
                .hasMessageContaining("local store: its files (metadata.json, trace.json.gz) are not the whole folder")
                .satisfies(e -> assertThat(((TraceUnavailableException) e).hint()).isEqualTo(Hint.of(Hint.Kind.GO_ONLINE)));
        assertThat(names(temp.resolve("out"))).isEmpty();
    }

    @Test
    void anExistingFileStopsEverythingUnlessOverwriting() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("trace.json.gz"), "mine");
        TraceService service = service(FakeSource.serving("bundle", false, Tier.BUNDLE, trace.blocks()));

        assertThatThrownBy(() -> service.folder(ID, out, false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trace.json.gz exists already");
        assertThat(names(out)).containsExactly("trace.json.gz");

        service.folder(ID, out, true);
        assertThat(Files.readAllBytes(out.resolve("trace.json.gz"))).isEqualTo(trace.traceBytes());
        assertThat(names(out)).containsExactly("example.py", "metadata.json", "trace.json.gz");
    }
}
