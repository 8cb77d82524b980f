package org.phasic.traces.adapter.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * Builds a gateway source for tests: loopback gateways, short timeouts, retry waits recorded instead of slept, a
 * fixed clock, notices and progress recorded.
 */
final class GatewayHarness {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final RecordingProgress progress = new RecordingProgress();
    private Sleeper sleeper = sleeps::add;
    private UnaryOperator<OkHttpClient.Builder> client = UnaryOperator.identity();
    private OkHttpClient base = new OkHttpClient();
    private int carMemoryBytes = CarRetrieval.MEMORY_BYTES;

    static GatewaySettings.Builder settings(MockWebServer... servers) {
        return settings(List.of(servers).stream().map(GatewayHarness::endpoint).toList());
    }

    static GatewaySettings.Builder settings(List<GatewayEndpoint> gateways) {
        return GatewaySettings.defaults("9.9-test").toBuilder()
                .gateways(gateways)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(10))
                .hedgeDelay(Duration.ofSeconds(5))
                .retries(2)
                .retryBaseDelay(Duration.ofMillis(100))
                .maxRetryDelay(Duration.ofSeconds(5));
    }

    static GatewayEndpoint endpoint(MockWebServer server) {
        return GatewayEndpoint.parse(server.url("/").toString());
    }

    /** Sleep for real (e.g. to let a server-side state change), still recording the waits. */
    GatewayHarness realSleeps() {
        sleeper = duration -> {
            sleeps.add(duration);
            Sleeper.REAL.sleep(duration);
        };
        return this;
    }

    GatewayHarness client(UnaryOperator<OkHttpClient.Builder> change) {
        client = change;
        return this;
    }

    /** CARs larger than this are buffered in a temporary file. */
    GatewayHarness carMemory(int bytes) {
        carMemoryBytes = bytes;
        return this;
    }

    /** The shared client the source specialises (the composition root's brings proxies). */
    GatewayHarness base(OkHttpClient client) {
        base = client;
        return this;
    }

    GatewayContentSource source(GatewaySettings settings) {
        OkHttpClient http = client.apply(GatewayHttpClient.create(base, settings).newBuilder()).build();
        return new GatewayContentSource(settings, http, progress, notices::add, sleeper,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5, carMemoryBytes);
    }

    /** Progress events as text. */
    static final class RecordingProgress implements TransferProgress {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong blocks = new AtomicLong();

        @Override
        public void started(String source, String what) {
            events.add("started " + source + " " + what);
        }

        @Override
        public void bytesReceived(String source, long count) {
            bytes.addAndGet(count);
        }

        @Override
        public void blockReceived(String source, int size) {
            blocks.incrementAndGet();
        }

        @Override
        public void finished(String source, String what, Outcome outcome) {
            events.add(outcome + " " + source + " " + what);
        }
    }
}
