package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * A CAR in traversal order ({@code order=dfs}) larger than the memory buffer is handed out while it arrives: the files
 * come straight from the response, every block verified, and a stream that turns out bad fails the reading, counts
 * against the gateway and leaves no temporary file.
 */
class StreamedCarTest {
    /** 256 KiB raw leaves, at most 3 links per node: a 2 MiB file is a tree three levels deep. */
    private static final ImportProfile DEEP = new ImportProfile(1, true, 256 << 10, 3);
    private static final int MEMORY = 64 << 10;

    @StartStop
    final MockWebServer server = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private final Map<String, byte[]> files = directory();
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final Cid root = importDirectory(files, blocks);

    private static Map<String, byte[]> directory() {
        byte[] trace = new byte[2 << 20];
        new SplittableRandom(6).nextBytes(trace);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("metadata.json", "{\"model_type\": \"synthetic\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("trace.json.gz", trace);
        return files;
    }

    private static Cid importDirectory(Map<String, byte[]> files, MemoryBlockStore into) {
        try {
            return new UnixFsImporter(DEEP, into).importFiles(files).root();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CAR of the directory, parents first (as a gateway sends {@code dag-scope=all}). */
    private byte[] traversalCar() throws IOException {
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, root)) {
            writeFrom(root, writer);
        }
        return car.toByteArray();
    }

    private void writeFrom(Cid cid, CarWriter writer) throws IOException {
        writeFrom(cid, blocks, writer);
    }

    private static void writeFrom(Cid cid, MemoryBlockStore blocks, CarWriter writer) throws IOException {
        Block block = blocks.block(cid).orElseThrow();
        writer.accept(block);
        if (cid.codec() == Multicodec.DAG_PB) {
            for (PBLink link : PBNode.decode(block.data()).links()) {
                writeFrom(link.hash(), blocks, writer);
            }
        }
    }

    /** The leaves below {@code cid}, in traversal order. */
    private void leavesOf(Cid cid, List<Cid> leaves) throws IOException {
        if (cid.codec() == Multicodec.RAW) {
            leaves.add(cid);
            return;
        }
        for (PBLink link : PBNode.decode(blocks.block(cid).orElseThrow().data()).links()) {
            leavesOf(link.hash(), leaves);
        }
    }

    /** The CAR of the directory in import order, the root last (as ipfs-car writes them). */
    private byte[] rootLastCar() throws IOException {
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, root)) {
            new UnixFsImporter(DEEP, writer).importFiles(files);
        }
        return car.toByteArray();
    }

    /** Both files from one feed, as the fetch service stages a whole directory. */
    private Map<String, byte[]> extractAll(BlockFeed feed) throws IOException {
        Map<String, byte[]> extracted = new LinkedHashMap<>();
        try (feed) {
            for (String name : files.keySet()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new Reassembler().writeFile(root, name, ((BlockFeed.Lookup) feed).blocks(), out);
                extracted.put(name, out.toByteArray());
            }
        }
        return extracted;
    }

    private GatewayRanking.Standing standing(GatewayContentSource source) {
        return source.rankingRecord().standings().get(0);
    }

    private GatewayContentSource source(GatewaySettings.Builder settings) {
        return harness.carMemory(MEMORY).source(settings.build());
    }

    private String gateway() {
        return GatewayHarness.endpoint(server).toString();
    }

    @Test
    void aLargeCarInTraversalOrderIsHandedOutWhileItArrivesWithoutATemporaryFile() throws Exception {
        byte[] car = traversalCar();
        server.enqueue(Responses.car(car).build());
        Set<Path> before = CarRetrievalTest.spillFiles();
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed feed = source.open(root, "").orElseThrow();
            assertThat(((BlockFeed.Lookup) feed).blocks()).isInstanceOf(StreamedCar.class);
            assertThat(CarRetrievalTest.spillFiles()).isEqualTo(before);
            assertThat(harness.progress.bytes.get()).isLessThan(car.length);

            Map<String, byte[]> extracted = extractAll(feed);

            assertThat(extracted.keySet()).containsExactlyElementsOf(files.keySet());
            files.forEach((name, bytes) -> assertThat(extracted.get(name)).as(name).isEqualTo(bytes));
            assertThat(standing(source).successes()).isEqualTo(1);
        }
        assertThat(harness.progress.bytes.get()).isEqualTo(car.length);
        assertThat(harness.progress.events).containsExactly("started " + gateway() + " " + root,
                TransferProgress.Outcome.VERIFIED + " " + gateway() + " " + root);
        assertThat(CarRetrievalTest.spillFiles()).isEqualTo(before);
    }

    @Test
    void theStreamedBlocksAreVouchedForAsHashedOnArrival() throws Exception {
        server.enqueue(Responses.car(traversalCar()).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server));
                BlockFeed feed = source.open(root, "").orElseThrow()) {
            StreamedCar streamed = (StreamedCar) ((BlockFeed.Lookup) feed).blocks();
            List<Cid> leaves = new ArrayList<>();
            leavesOf(root, leaves);
            for (Cid leaf : leaves.subList(0, 3)) {
                byte[] data = streamed.fetch(leaf).orElseThrow();

                assertThat(data).isEqualTo(blocks.block(leaf).orElseThrow().data());
                assertThat(streamed.hasVerified(leaf, data)).isTrue();
                assertThat(streamed.hasVerified(leaf, data.clone())).isFalse();
            }
        }
    }

    @Test
    void aCorruptBlockMidStreamFailsTheReadingAndDropsTheGateway() throws Exception {
        byte[] car = traversalCar();
        server.enqueue(Responses.car(Responses.flipped(car, car.length / 2)).build());
        Set<Path> before = CarRetrievalTest.spillFiles();
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed feed = source.open(root, "").orElseThrow();

            assertThatThrownBy(() -> extractAll(feed)).isInstanceOf(IOException.class)
                    .hasMessageContaining("gateway " + gateway() + " served bad content (the CAR from " + gateway())
                    .hasMessageContaining("block hash mismatch").hasMessageContaining("not used again")
                    .cause().isInstanceOf(CorruptContentException.class);
            assertThat(source.ranking()).isEmpty();
            assertThat(harness.notices).anySatisfy(notice -> assertThat(notice)
                    .contains("gateway " + gateway() + " served bad content").contains("not used again"));
        }
        assertThat(harness.progress.events).last().isEqualTo(TransferProgress.Outcome.FAILED + " " + gateway() + " " + root);
        assertThat(CarRetrievalTest.spillFiles()).isEqualTo(before);
    }

    @Test
    void aStreamThatBreaksOffFailsTheReadingAndCountsAgainstTheGateway() throws Exception {
        server.enqueue(Responses.car(traversalCar()).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server).retries(0))) {
            BlockFeed feed = source.open(root, "").orElseThrow();

            assertThatThrownBy(() -> extractAll(feed)).isInstanceOf(IOException.class)
                    .hasMessageContaining("the CAR from " + gateway() + " broke off");
            GatewayRanking.Standing standing = standing(source);
            assertThat(standing.errors()).isEqualTo(1);
            assertThat(source.ranking()).hasSize(1);
        }
        assertThat(harness.progress.events).last().isEqualTo(TransferProgress.Outcome.FAILED + " " + gateway() + " " + root);
    }

    @Test
    void aStreamThatLacksABlockFailsTheReadingAndCountsAgainstTheGateway() throws Exception {
        byte[] car = traversalCar();
        int lastLeafSection = lastSection(car, blocks.blocks().stream().filter(b -> b.cid().codec() == Multicodec.RAW)
                .reduce((first, second) -> second).orElseThrow());
        server.enqueue(Responses.car(Arrays.copyOf(car, lastLeafSection)).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed feed = source.open(root, "").orElseThrow();

            assertThatThrownBy(() -> extractAll(feed)).isInstanceOf(ContentNotFoundException.class);
            GatewayRanking.Standing standing = standing(source);
            assertThat(standing.errors()).isEqualTo(1);
            assertThat(source.ranking()).hasSize(1);
        }
        assertThat(harness.progress.events).last().isEqualTo(TransferProgress.Outcome.FAILED + " " + gateway() + " " + root);
    }

    /** Where the section of {@code block} starts in {@code car} (its varint: one byte per 7 bits of length). */
    private static int lastSection(byte[] car, Block block) {
        byte[] cid = block.cid().toBytes();
        for (int at = car.length - block.size() - cid.length; at > 0; at--) {
            if (Arrays.equals(car, at, at + cid.length, cid, 0, cid.length)) {
                int varint = 1;
                for (long length = (long) cid.length + block.size(); length >= 0x80; length >>>= 7) {
                    varint++;
                }
                return at - varint;
            }
        }
        throw new IllegalStateException("no section for " + block.cid());
    }

    @Test
    void aHealthyStreamOutlastsTheFetchDeadline() throws Exception {
        byte[] car = traversalCar();
        server.enqueue(Responses.car(car).throttleBody(256 << 10, 150, TimeUnit.MILLISECONDS).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server).deadline(Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            Map<String, byte[]> extracted = extractAll(source.open(root, "").orElseThrow());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
            files.forEach((name, bytes) -> assertThat(extracted.get(name)).as(name).isEqualTo(bytes));
        }
    }

    @Test
    void aStreamThatStallsFailsAtTheReadTimeout() throws Exception {
        server.enqueue(Responses.car(traversalCar()).throttleBody(1 << 20, 20, TimeUnit.SECONDS).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server).readTimeout(Duration.ofSeconds(1)))) {
            BlockFeed feed = source.open(root, "").orElseThrow();
            long start = System.nanoTime();

            assertThatThrownBy(() -> extractAll(feed)).isInstanceOf(IOException.class)
                    .hasMessageContaining("the CAR from " + gateway() + " broke off");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aGatewayWhoseCarIsNotInTheOrderItDeclaredHasItsCarsSpilledFromThenOn() throws Exception {
        byte[] rootLast = rootLastCar();
        server.enqueue(Responses.car(rootLast).build());
        server.enqueue(Responses.car(rootLast).build());
        Set<Path> before = CarRetrievalTest.spillFiles();
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed first = source.open(root, "").orElseThrow();
            assertThatThrownBy(() -> extractAll(first)).isInstanceOf(StreamedCar.NotStreamableException.class)
                    .hasMessageContaining("arrived ahead of the traversal");

            BlockFeed second = source.open(root, "").orElseThrow();
            assertThat(((BlockFeed.Lookup) second).blocks()).isNotInstanceOf(StreamedCar.class);
            Map<String, byte[]> extracted = extractAll(second);

            files.forEach((name, bytes) -> assertThat(extracted.get(name)).as(name).isEqualTo(bytes));
            assertThat(source.ranking()).hasSize(1);
        }
        assertThat(CarRetrievalTest.spillFiles()).isEqualTo(before);
    }

    @Test
    void aChunkRepeatedFarApartInACarWithoutDuplicatesHasTheGatewaysCarsSpilledFromThenOn() throws Exception {
        byte[] chunk = Arrays.copyOf(files.get("trace.json.gz"), 256 << 10);
        byte[] trace = new byte[6 << 20];
        new SplittableRandom(7).nextBytes(trace);
        System.arraycopy(chunk, 0, trace, 0, chunk.length);
        System.arraycopy(chunk, 0, trace, trace.length - chunk.length, chunk.length);
        files.put("trace.json.gz", trace);
        MemoryBlockStore repeated = new MemoryBlockStore();
        Cid repeatedRoot = importDirectory(files, repeated);
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, repeatedRoot)) {
            writeFrom(repeatedRoot, repeated, writer);
        }
        server.enqueue(Responses.car(car.toByteArray()).build());
        server.enqueue(Responses.car(car.toByteArray()).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed first = source.open(repeatedRoot, "").orElseThrow();
            assertThatThrownBy(() -> extract(repeatedRoot, first)).isInstanceOf(StreamedCar.NotStreamableException.class)
                    .hasMessageContaining("needed again after it was dropped");

            BlockFeed second = source.open(repeatedRoot, "").orElseThrow();
            assertThat(((BlockFeed.Lookup) second).blocks()).isNotInstanceOf(StreamedCar.class);
            assertThat(extract(repeatedRoot, second)).isEqualTo(trace);
        }
    }

    private static byte[] extract(Cid root, BlockFeed feed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (feed) {
            new Reassembler().writeFile(root, "trace.json.gz", ((BlockFeed.Lookup) feed).blocks(), out);
        }
        return out.toByteArray();
    }

    @Test
    void aLargeCarInNoDeclaredOrderWithTheRootLastStillGoesThroughATemporaryFile() throws Exception {
        server.enqueue(Responses.unorderedCar(rootLastCar()).build());
        Set<Path> before = CarRetrievalTest.spillFiles();
        try (GatewayContentSource source = source(GatewayHarness.settings(server))) {
            BlockFeed feed = source.open(root, "").orElseThrow();
            assertThat(((BlockFeed.Lookup) feed).blocks()).isNotInstanceOf(StreamedCar.class);
            assertThat(CarRetrievalTest.spillFiles()).hasSize(before.size() + 1);

            Map<String, byte[]> extracted = extractAll(feed);

            files.forEach((name, bytes) -> assertThat(extracted.get(name)).as(name).isEqualTo(bytes));
        }
        assertThat(CarRetrievalTest.spillFiles()).isEqualTo(before);
    }
}
