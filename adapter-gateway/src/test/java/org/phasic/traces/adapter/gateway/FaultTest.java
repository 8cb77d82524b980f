package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phasic.traces.adapter.gateway.Fixtures.BIG_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V1;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.in.TransferProgress.Outcome;

/** Each fault a gateway can commit, on its own: the response fails and nothing unverified comes out. */
class FaultTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private GatewayContentSource source() {
        return harness.source(GatewayHarness.settings(server).build());
    }

    @Test
    void aFlippedByteInOneBlockFailsAndDropsTheGatewayForTheSession() throws Exception {
        byte[] car = KINGMAN_V0_TRACE_ENTITY.carBytes();
        server.enqueue(Responses.car(Responses.flipped(car, car.length - 10)).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("block hash mismatch");

            assertThat(source.ranking()).isEmpty();
            assertThat(harness.notices).singleElement().asString()
                    .contains("served bad content").contains("not used again");
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .hasMessageContaining("every configured gateway served bad content");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aCarTruncatedInsideABlockFails() throws Exception {
        byte[] car = KINGMAN_V0_TRACE_ENTITY.carBytes();
        server.enqueue(Responses.car(Arrays.copyOf(car, car.length - 100)).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .hasMessageContaining("truncated section");
        }
    }

    @Test
    void aCarEndingBeforeTheFileIsCompleteFails() throws Exception {
        byte[] car = BIG_V0_TRACE_ENTITY.carBytes();
        byte[] lastLeaf = Fixtures.blocks().get(Cid.parse(
                "QmQHwKrVrovpfzPhz5Z8iS5MiMtAgxp1K5X9i78PrDwoNP"));
        int sectionBytes = lastLeaf.length + 34 + 3;
        server.enqueue(Responses.car(Arrays.copyOf(car, car.length - sectionBytes)).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(BIG_V0_TRACE_ENTITY.root(), TRACE))
                    .hasMessageContaining("incomplete content")
                    .hasMessageContaining("QmQHwKrVrovpfzPhz5Z8iS5MiMtAgxp1K5X9i78PrDwoNP");
            assertThat(source.ranking()).hasSize(1);
        }
    }

    @Test
    void aDisconnectInTheMiddleOfTheBodyIsRetried() throws Exception {
        byte[] car = BIG_V0_TRACE_ENTITY.carBytes();
        server.enqueue(Responses.car(car).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(Responses.car(car).build());
        try (GatewayContentSource source = source()) {
            BlockFeed feed = source.open(BIG_V0_TRACE_ENTITY.root(), TRACE).orElseThrow();

            assertThat(Sha256.hex(Extraction.file(BIG_V0_TRACE_ENTITY.root(), TRACE, feed)))
                    .isEqualTo(BIG_V0_TRACE_ENTITY.traceSha256());
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(harness.sleeps).hasSize(1);
    }

    @Test
    void aDisconnectInTheMiddleOfTheBodyFailsWhenRetriesAreUsedUp() throws Exception {
        byte[] car = BIG_V0_TRACE_ENTITY.carBytes();
        server.enqueue(Responses.car(car).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(server).retries(0).build())) {
            assertThatThrownBy(() -> source.open(BIG_V0_TRACE_ENTITY.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("gave up after 0 retries");
        }
    }

    @Test
    void aBodySlowerThanTheDeadlineFailsAtTheDeadline() throws Exception {
        server.enqueue(Responses.car(BIG_V0_TRACE_ENTITY.carBytes()).throttleBody(4096, 100, TimeUnit.MILLISECONDS)
                .build());
        GatewaySettings settings = GatewayHarness.settings(server).deadline(Duration.ofSeconds(1)).build();
        try (GatewayContentSource source = harness.source(settings)) {
            assertThatThrownBy(() -> source.open(BIG_V0_TRACE_ENTITY.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the deadline of 1 s");
        }
        assertThat(harness.progress.bytes.get()).isPositive().isLessThan(BIG_V0_TRACE_ENTITY.carBytes().length);
    }

    @Test
    void a500IsRetriedWithBackoff() throws Exception {
        server.enqueue(Responses.status(500).build());
        server.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source()) {
            BlockFeed feed = source.open(KINGMAN_V0.root(), TRACE).orElseThrow();

            assertThat(Extraction.file(KINGMAN_V0.root(), TRACE, feed)).isEqualTo(Fixtures.kingmanFile(TRACE));
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(harness.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSaysInSeconds() throws Exception {
        server.enqueue(Responses.status(429).setHeader("Retry-After", "3").build());
        server.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        assertThat(harness.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void a429WaitsUntilTheRetryAfterDate() throws Exception {
        server.enqueue(Responses.status(429).setHeader("Retry-After", "Wed, 25 Nov 2026 12:00:04 GMT").build());
        server.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        assertThat(harness.sleeps).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void a429AskingForMoreThanTheLongestWaitIsNotRetried() throws Exception {
        server.enqueue(Responses.status(429).setHeader("Retry-After", "3600").build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .hasMessageContaining("HTTP 429")
                    .hasMessageContaining("asks to retry after 3600 s");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(harness.sleeps).isEmpty();
    }

    @Test
    void otherClientErrorsAreNotRetried() throws Exception {
        server.enqueue(Responses.status(403).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .hasMessageContaining("HTTP 403");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(harness.sleeps).isEmpty();
    }

    @Test
    void anHtmlPageWithStatus200IsNeverAccepted() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return Responses.html("<html><body>Welcome! <a href=\"/ipfs/" + KINGMAN_V0.root()
                        + "/trace.json.gz\">trace.json.gz</a></body></html>").build();
            }
        });
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("answered a CAR request with text/html")
                    .hasMessageContaining("cannot be verified");
        }
        assertThat(harness.progress.events).last().asString().startsWith(Outcome.FAILED.name());
    }

    @Test
    void theRightBytesUnderTheWrongRootAreRefused() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V1.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), ""))
                    .hasMessageContaining("has roots [" + KINGMAN_V1.root() + "], not the requested " + KINGMAN_V0.root());
            assertThat(source.ranking()).isEmpty();
        }
    }

    @Test
    void theRightFileUnderAnotherRootIsRefusedForAPath() throws Exception {
        server.enqueue(Responses.car(KINGMAN_V1.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(KINGMAN_V0.root().toString());
        }
    }

    @Test
    void aCarLargerThanTheLimitFails() throws Exception {
        server.enqueue(Responses.car(BIG_V0_TRACE_ENTITY.carBytes()).build());
        GatewaySettings settings = GatewayHarness.settings(server).maxBytes(100_000).build();
        try (GatewayContentSource source = harness.source(settings)) {
            assertThatThrownBy(() -> source.open(BIG_V0_TRACE_ENTITY.root(), TRACE))
                    .hasMessageContaining("exceeds the limit of 100000 bytes");
        }
        assertThat(harness.progress.bytes.get()).isLessThan(110_000);
    }

    @Test
    void aCarOfAnotherVersionIsNotReadAsCarV1() throws Exception {
        server.enqueue(Responses.bytes("application/vnd.ipld.car; version=2", KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        server.enqueue(Responses.status(404).build());
        try (GatewayContentSource source = source()) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isEmpty();
        }
        assertThat(server.takeRequest().getUrl().queryParameter("format")).isEqualTo("car");
        assertThat(server.takeRequest().getUrl().queryParameter("format")).isEqualTo("raw");
    }
}
