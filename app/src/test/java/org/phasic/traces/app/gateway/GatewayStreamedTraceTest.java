package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;

/**
 * {@code install} of a trace whose CAR outgrows the gateway's memory buffer (8 MiB) from gateways that send it in
 * traversal order ({@code order=dfs}): the file is staged straight from the response, verified block by block, and
 * committed; a stream that turns out corrupt, broken off or incomplete stores nothing, leaves no staging or temporary
 * file, and the fetch falls back (file by file, from the gateways still in use); a CAR in no declared order with the
 * root last still goes through a temporary file.
 */
class GatewayStreamedTraceTest {
    private static final String ID = "gateway_streamed";
    private static final int SIZE = 12 << 20;
    private static final String DFS_CAR = "application/vnd.ipld.car; version=1; order=dfs; dups=n";
    private static final String UNORDERED_CAR = "application/vnd.ipld.car; version=1";

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer first = new MockWebServer();
    @StartStop
    final MockWebServer second = new MockWebServer();

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private String homeName = "home";
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private byte[] traceBytes;
    private Cid root;
    private byte[] rootLastCar;
    private Path registry;

    @BeforeEach
    void publishALargeTrace() throws IOException {
        GatewayTraces.Published published = GatewayTraces.publishRandom(work, ID, SIZE, 14, ImportProfile.KUBO, blocks,
                "12 MiB streamed by a gateway");
        traceBytes = published.traceBytes();
        root = published.root();
        rootLastCar = published.car();
        registry = GatewayTraces.writeRegistry(work.resolve("registry.json"), List.of(published));
    }

    /** The CAR of {@code root/path} parents first, as a trustless gateway sends it. */
    private byte[] traversalCar(String path) throws IOException {
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, root)) {
            Block directory = blocks.block(root).orElseThrow();
            if (path.isEmpty()) {
                writeFrom(root, writer);
            } else {
                writer.accept(directory);
                for (PBLink link : PBNode.decode(directory.data()).links()) {
                    if (link.name().equals(path)) {
                        writeFrom(link.hash(), writer);
                    }
                }
            }
        }
        return car.toByteArray();
    }

    private void writeFrom(Cid cid, CarWriter writer) throws IOException {
        Block block = blocks.block(cid).orElseThrow();
        writer.accept(block);
        if (cid.codec() == Multicodec.DAG_PB) {
            for (PBLink link : PBNode.decode(block.data()).links()) {
                writeFrom(link.hash(), writer);
            }
        }
    }

    /** How a gateway spoils the whole-directory CAR (past the first 8 MiB, which are received before the hand-off). */
    private enum Damage {
        NONE, CORRUPT, BROKEN_OFF, MISSING_BLOCK
    }

    /**
     * Answers every CAR request in traversal order ({@code order=dfs}): the whole directory spoiled as {@code damage}
     * says, a single file intact.
     */
    private Dispatcher traversalGateway(String name, Damage damage) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String target = request.getTarget();
                requests.add(name + " " + target);
                try {
                    String path = request.getUrl().encodedPath().substring(("/ipfs/" + root).length());
                    byte[] car = traversalCar(path.isEmpty() ? "" : path.substring(1));
                    if (!path.isEmpty() || damage == Damage.NONE) {
                        return carResponse(DFS_CAR, car).build();
                    }
                    return switch (damage) {
                        case CORRUPT -> carResponse(DFS_CAR, flipped(car, car.length / 8 * 7)).build();
                        case BROKEN_OFF -> carResponse(DFS_CAR, car).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                                .build();
                        default -> carResponse(DFS_CAR, Arrays.copyOf(car, lastSectionOffset(car))).build();
                    };
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** Where the last section of {@code car} starts. */
    private static int lastSectionOffset(byte[] car) throws IOException {
        long last = 0;
        try (CarReader reader = new CarReader(new ByteArrayInputStream(car))) {
            for (long start = reader.offset(); reader.next() != null; start = reader.offset()) {
                last = start;
            }
        }
        return (int) last;
    }

    private static MockResponse.Builder carResponse(String type, byte[] car) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", type).body(new Buffer().write(car));
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 1;
        return copy;
    }

    private CliRun install(MockWebServer... gateways) {
        String urls = Stream.of(gateways).map(gateway -> "http://127.0.0.1:" + gateway.getPort())
                .collect(Collectors.joining(","));
        return CliRun.run(Map.of(), userHome, "--home", home().toString(), "--profile", "gateway",
                "--set", "gateway.urls=" + urls, "--set", "gateway.retries=0",
                "--set", "registry.url=" + registry.toUri(), "install", ID);
    }

    private Path home() {
        return userHome.resolve(homeName);
    }

    private static Set<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("phasic-traces-gateway-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** The files in the store's staging folder (every fetch must leave it empty). */
    private List<Path> stagingFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home())) {
            files.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().equals("tmp"))
                    .forEach(dir -> {
                        try (Stream<Path> staged = Files.list(dir)) {
                            staged.forEach(found::add);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        return found;
    }

    /** The stored files of {@code size} bytes under the home. */
    private List<Path> storedFiles(long size) throws IOException {
        return GatewayTraces.filesOfSize(home(), size);
    }

    private void assertStoredIntact() throws IOException {
        assertThat(storedFiles(SIZE)).singleElement()
                .satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(traceBytes));
    }

    @Test
    void aTraceInTraversalOrderIsStagedStraightFromTheResponseInOneRequest() throws IOException {
        first.setDispatcher(traversalGateway("first", Damage.NONE));
        Set<Path> before = spillFiles();

        CliRun run = install(first);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(requests).containsExactly("first /ipfs/" + root + "?format=car&dag-scope=all");
        assertStoredIntact();
        assertThat(stagingFiles()).isEmpty();
        assertThat(spillFiles()).isEqualTo(before);
    }

    @Test
    void aCorruptBlockMidStreamDropsTheGatewayAndTheTraceComesFromTheOtherFileByFile() throws IOException {
        first.setDispatcher(traversalGateway("first", Damage.CORRUPT));
        second.setDispatcher(traversalGateway("second", Damage.NONE));
        Set<Path> before = spillFiles();

        CliRun run = install(first, second);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("gateway http://127.0.0.1:" + first.getPort() + " served bad content")
                .contains("block hash mismatch").contains("not used again");
        assertThat(requests).first().isEqualTo("first /ipfs/" + root + "?format=car&dag-scope=all");
        assertThat(requests.subList(1, requests.size())).isNotEmpty().allMatch(request -> request.startsWith("second "))
                .anyMatch(request -> request.contains("/" + TraceEntry.TRACE_FILE + "?format=car"));
        assertStoredIntact();
        assertThat(stagingFiles()).isEmpty();
        assertThat(spillFiles()).isEqualTo(before);
    }

    @Test
    void aCorruptBlockMidStreamFromTheOnlyGatewayStoresNothingAndLeavesNothingBehind() throws IOException {
        first.setDispatcher(traversalGateway("first", Damage.CORRUPT));
        Set<Path> before = spillFiles();

        CliRun run = install(first);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("block hash mismatch");
        assertThat(requests).containsExactly("first /ipfs/" + root + "?format=car&dag-scope=all");
        assertThat(storedFiles(SIZE)).isEmpty();
        assertThat(stagingFiles()).isEmpty();
        assertThat(spillFiles()).isEqualTo(before);
    }

    @Test
    void aStreamThatBreaksOffOrLacksABlockStoresNothingHalfWrittenAndFallsBackFileByFile() throws IOException {
        for (Damage damage : List.of(Damage.BROKEN_OFF, Damage.MISSING_BLOCK)) {
            requests.clear();
            homeName = damage.name();
            first.setDispatcher(traversalGateway("first", damage));
            Set<Path> before = spillFiles();

            CliRun run = install(first);

            assertThat(run.code()).as(damage + ": " + run.err()).isZero();
            assertThat(requests).as(damage.toString()).first().isEqualTo("first /ipfs/" + root + "?format=car&dag-scope=all");
            assertThat(requests).as(damage.toString()).hasSizeGreaterThan(1)
                    .anyMatch(request -> request.contains("/" + TraceEntry.TRACE_FILE + "?format=car"));
            assertStoredIntact();
            assertThat(stagingFiles()).isEmpty();
            assertThat(spillFiles()).isEqualTo(before);
        }
    }

    @Test
    void aCarWithTheRootLastInNoDeclaredOrderStillGoesThroughATemporaryFile() throws IOException {
        first.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                return carResponse(UNORDERED_CAR, rootLastCar).build();
            }
        });
        Set<Path> before = spillFiles();

        CliRun run = install(first);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(requests).hasSize(1);
        assertStoredIntact();
        assertThat(stagingFiles()).isEmpty();
        assertThat(spillFiles()).isEqualTo(before);
    }
}
