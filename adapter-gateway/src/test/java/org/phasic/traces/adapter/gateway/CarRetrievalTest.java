package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phasic.traces.adapter.gateway.Fixtures.BIG_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V1;
import static org.phasic.traces.adapter.gateway.Fixtures.METADATA;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.dag.VerifiedBlockSource;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/** A trustless gateway that answers with CARs made by independent tools. */
class CarRetrievalTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    @Test
    void readsTheEntityCarOfAFileBelowACidV0Root() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            BlockFeed feed = source.open(KINGMAN_V0.root(), TRACE).orElseThrow();

            assertThat(feed).isInstanceOfSatisfying(BlockFeed.Lookup.class,
                    lookup -> assertThat(lookup.blocks()).isInstanceOf(VerifiedBlockSource.class));
            byte[] trace = Extraction.file(KINGMAN_V0.root(), TRACE, feed);
            assertThat(trace).isEqualTo(Fixtures.kingmanFile(TRACE));
            assertThat(Sha256.hex(trace)).isEqualTo(KINGMAN_V0.traceSha256());
        }
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/ipfs/" + KINGMAN_V0.root() + "/" + TRACE);
        assertThat(request.getUrl().queryParameter("format")).isEqualTo("car");
        assertThat(request.getUrl().queryParameter("dag-scope")).isEqualTo("entity");
        assertThat(request.getHeaders().get("Accept")).startsWith("application/vnd.ipld.car");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("phasic-traces/9.9-test");
    }

    @Test
    void acceptsAWholeDagCarWithMoreBlocksThanThePathNeeds() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V0.carBytes()).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            BlockFeed feed = source.open(KINGMAN_V0.root(), METADATA).orElseThrow();

            assertThat(Extraction.file(KINGMAN_V0.root(), METADATA, feed)).isEqualTo(Fixtures.kingmanFile(METADATA));
        }
    }

    @Test
    void readsAnIpfsCarCarWhoseRootBlockComesLast() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V1.carBytes()).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            BlockFeed feed = source.open(KINGMAN_V1.root(), TRACE).orElseThrow();

            assertThat(Sha256.hex(Extraction.file(KINGMAN_V1.root(), TRACE, feed)))
                    .isEqualTo(KINGMAN_V1.traceSha256());
        }
    }

    @Test
    void readsAMultiBlockFileAndReportsProgress() throws Exception {
        byte[] car = BIG_V0_TRACE_ENTITY.carBytes();
        server.enqueue(Responses.car(car).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            BlockFeed feed = source.open(BIG_V0_TRACE_ENTITY.root(), TRACE).orElseThrow();

            byte[] trace = Extraction.file(BIG_V0_TRACE_ENTITY.root(), TRACE, feed);
            assertThat(trace).hasSize(300_000);
            assertThat(Sha256.hex(trace)).isEqualTo(BIG_V0_TRACE_ENTITY.traceSha256());
        }
        String gateway = GatewayHarness.endpoint(server).toString();
        assertThat(harness.progress.bytes.get()).isEqualTo(car.length);
        assertThat(harness.progress.blocks.get()).isEqualTo(4);
        assertThat(harness.progress.events).containsExactly(
                "started " + gateway + " " + BIG_V0_TRACE_ENTITY.root() + "/" + TRACE,
                "VERIFIED " + gateway + " " + BIG_V0_TRACE_ENTITY.root() + "/" + TRACE);
    }

    @Test
    void aCarInNoDeclaredOrderLargerThanTheMemoryBufferGoesToATemporaryFileDeletedWithTheFeed() throws Exception {
        server.enqueue(Responses.unorderedCar(BIG_V0_TRACE_ENTITY.carBytes()).build());
        Set<Path> before = spillFiles();
        try (GatewayContentSource source = harness.carMemory(1024).source(GatewayHarness.settings(server).build())) {
            BlockFeed feed = source.open(BIG_V0_TRACE_ENTITY.root(), TRACE).orElseThrow();
            assertThat(feed).isInstanceOfSatisfying(BlockFeed.Lookup.class,
                    lookup -> assertThat(lookup.blocks()).isInstanceOf(CarFile.Reads.class));
            Set<Path> during = spillFiles();
            during.removeAll(before);
            assertThat(during).hasSize(1);

            byte[] trace = Extraction.file(BIG_V0_TRACE_ENTITY.root(), TRACE, feed);
            assertThat(Sha256.hex(trace)).isEqualTo(BIG_V0_TRACE_ENTITY.traceSha256());
            assertThat(during.iterator().next()).doesNotExist();
        }
    }

    @Test
    void aSpilledCarVouchesForTheBlocksItHashedOnArrival() throws Exception {
        server.enqueue(Responses.unorderedCar(BIG_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = harness.carMemory(1024).source(GatewayHarness.settings(server).build());
                BlockFeed feed = source.open(BIG_V0_TRACE_ENTITY.root(), TRACE).orElseThrow()) {
            BlockSource blocks = ((BlockFeed.Lookup) feed).blocks();
            Cid root = BIG_V0_TRACE_ENTITY.root();
            byte[] data = blocks.fetch(root).orElseThrow();
            assertThat(blocks.hasVerified(root, data)).isTrue();
            assertThat(blocks.hasVerified(root, data.clone())).isFalse();
        }
    }

    /** A spilled CAR that is cut short, corrupt or incomplete fails the fetch and leaves no temporary file. */
    @ParameterizedTest
    @CsvSource({"cut inside a block, truncated section", "flipped byte, block hash mismatch",
        "last section missing, incomplete content"})
    void aBadSpilledCarFailsAndLeavesNoTemporaryFile(String damage, String message) throws Exception {
        byte[] car = BIG_V0_TRACE_ENTITY.carBytes();
        byte[] served = switch (damage) {
            case "cut inside a block" -> Arrays.copyOf(car, car.length / 2);
            case "flipped byte" -> Responses.flipped(car, car.length / 2);
            default -> Arrays.copyOf(car, car.length - lastSectionBytes(car));
        };
        server.enqueue(Responses.unorderedCar(served).build());
        Set<Path> before = spillFiles();
        try (GatewayContentSource source = harness.carMemory(1024).source(GatewayHarness.settings(server).build())) {
            assertThatThrownBy(() -> source.open(BIG_V0_TRACE_ENTITY.root(), TRACE)).hasMessageContaining(message);
        }
        Set<Path> after = spillFiles();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }

    /** The length of the last section of {@code car} (its varint, CID and data). */
    private static int lastSectionBytes(byte[] car) throws IOException {
        Path file = Files.createTempFile("car-retrieval-test-", ".car");
        try {
            Files.write(file, car);
            try (CarFile parsed = CarFile.open(file)) {
                Cid last = List.copyOf(parsed.cids()).get(parsed.blockCount() - 1);
                return (int) (car.length - parsed.offsetOf(last).orElseThrow());
            }
        } finally {
            Files.delete(file);
        }
    }

    static Set<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("phasic-traces-gateway-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void reportsAbsenceWhenTheGatewayAnswers404() throws Exception {
        server.enqueue(Responses.status(404).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            Optional<BlockFeed> feed = source.open(KINGMAN_V0.root(), TRACE);

            assertThat(feed).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reportsAbsenceOfAnEntryTheRootBlockDoesNotList() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            assertThat(source.open(KINGMAN_V0.root(), "code.py")).isEmpty();
        }
    }

    @Test
    void isTheGatewayTierOfTheFetchChain() {
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).build())) {
            assertThat(source.order()).isEqualTo(ContentSource.Tier.GATEWAY);
            assertThat(source.usesNetwork()).isTrue();
            assertThat(source.name()).contains(GatewayHarness.endpoint(server).toString());
        }
    }
}
