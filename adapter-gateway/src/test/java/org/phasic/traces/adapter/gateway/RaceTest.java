package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import org.junit.jupiter.api.Test;
import org.phasic.traces.ports.out.BlockFeed;

/** Several gateways: hedging, cancelling the losers, ranking. */
class RaceTest {
    private static final Duration HEDGE = Duration.ofMillis(300);

    @StartStop
    final MockWebServer a = new MockWebServer();
    @StartStop
    final MockWebServer b = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();
    final List<Integer> cancelledPorts = new CopyOnWriteArrayList<>();

    private GatewayContentSource source(GatewaySettings.Builder settings) {
        harness.client(client -> client.eventListener(new EventListener() {
            @Override
            public void canceled(Call call) {
                cancelledPorts.add(call.request().url().port());
            }
        }));
        return harness.source(settings.hedgeDelay(HEDGE).build());
    }

    /** OkHttp reports a cancellation on the thread that notices it, which may run after the fetch returned. */
    private void awaitCancelled(Integer... ports) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cancelledPorts.containsAll(List.of(ports)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aStalledGatewayIsOvertakenAfterTheHedgeDelayAndCancelled() throws Exception {
        a.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).onResponseStart(SocketEffect.Stall.INSTANCE).build());
        b.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(a, b).readTimeout(Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            BlockFeed feed = source.open(KINGMAN_V0.root(), TRACE).orElseThrow();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(Extraction.file(KINGMAN_V0.root(), TRACE, feed)).isEqualTo(Fixtures.kingmanFile(TRACE));
            assertThat(took).isGreaterThanOrEqualTo(HEDGE).isLessThan(Duration.ofSeconds(10));
            assertThat(cancelledPorts).containsExactly(a.getPort());
            assertThat(source.ranking()).containsExactly(GatewayHarness.endpoint(b).toString(),
                    GatewayHarness.endpoint(a).toString());
        }
        String what = KINGMAN_V0.root() + "/" + TRACE;
        assertThat(harness.progress.events).containsExactlyInAnyOrder(
                "started " + GatewayHarness.endpoint(a) + " " + what,
                "started " + GatewayHarness.endpoint(b) + " " + what,
                "VERIFIED " + GatewayHarness.endpoint(b) + " " + what,
                "CANCELLED " + GatewayHarness.endpoint(a) + " " + what);
    }

    @Test
    void aFailingGatewayHandsOverAtOnceWithoutWaitingForTheHedgeDelay() throws Exception {
        a.enqueue(Responses.status(403).build());
        b.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        GatewaySettings.Builder settings = GatewayHarness.settings(a, b);
        try (GatewayContentSource source = harness.source(settings.hedgeDelay(Duration.ofSeconds(30)).build())) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        assertThat(a.getRequestCount()).isEqualTo(1);
        assertThat(b.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theBetterRecordGoesFirstNextTime() throws Exception {
        a.enqueue(Responses.status(403).build());
        b.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        b.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(a, b))) {
            source.open(KINGMAN_V0.root(), TRACE).orElseThrow().close();
            source.open(KINGMAN_V0.root(), TRACE).orElseThrow().close();
        }
        assertThat(a.getRequestCount()).isEqualTo(1);
        assertThat(b.getRequestCount()).isEqualTo(2);
    }

    @Test
    void whenEveryGatewayFailsTheMessageNamesEach() throws Exception {
        a.enqueue(Responses.status(403).build());
        b.enqueue(Responses.status(451).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(a, b))) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(GatewayHarness.endpoint(a) + ": HTTP 403")
                    .hasMessageContaining(GatewayHarness.endpoint(b) + ": HTTP 451");
        }
    }

    @Test
    void whenEveryGatewayStallsTheFetchEndsAtTheDeadline() throws Exception {
        a.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).onResponseStart(SocketEffect.Stall.INSTANCE).build());
        b.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).onResponseStart(SocketEffect.Stall.INSTANCE).build());
        GatewaySettings.Builder settings = GatewayHarness.settings(a, b).deadline(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(20));
        try (GatewayContentSource source = source(settings)) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("within the deadline of 1 s")
                    .hasMessageContaining(GatewayHarness.endpoint(a) + ": ");
        }
        awaitCancelled(a.getPort(), b.getPort());
        assertThat(cancelledPorts).contains(a.getPort(), b.getPort());
    }

    @Test
    void whenEveryGatewayLacksTheContentItIsAbsent() throws Exception {
        a.enqueue(Responses.status(404).build());
        b.enqueue(Responses.status(410).build());
        try (GatewayContentSource source = source(GatewayHarness.settings(a, b))) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isEmpty();
        }
    }
}
