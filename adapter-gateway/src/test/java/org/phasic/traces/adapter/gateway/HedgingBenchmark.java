package org.phasic.traces.adapter.gateway;

import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * Benchmark (a plain main, run by hand, not a test): a trace from a stalled gateway (listed first) and a healthy
 * one, both on loopback, for several hedge delays; the time to a verified trace should be the hedge delay plus
 * the transfer. Each fetch uses a fresh source, so the ranking never learns to skip the stalled gateway.
 *
 * <pre>
 * ./mvnw -B -q -o -pl adapter-gateway -am test-compile
 * ./mvnw -B -q -o -pl adapter-gateway dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp adapter-gateway/target/test-classes:adapter-gateway/target/classes:$(cat adapter-gateway/target/cp.txt) \
 *     org.phasic.traces.adapter.gateway.HedgingBenchmark [runs]
 * </pre>
 */
public final class HedgingBenchmark {
    private HedgingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (MockWebServer stalled = new MockWebServer(); MockWebServer healthy = new MockWebServer()) {
            stalled.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                }
            });
            healthy.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    boolean big = request.getUrl().encodedPath().contains(Fixtures.BIG_V0.root().toString());
                    return Responses.car((big ? Fixtures.BIG_V0_TRACE_ENTITY : Fixtures.KINGMAN_V0_TRACE_ENTITY)
                            .carBytes()).build();
                }
            });
            stalled.start();
            healthy.start();
            System.out.printf(Locale.ROOT, "%-9s %-26s %5s %9s %9s %9s %9s%n", "hedge", "trace", "runs", "min ms",
                    "median ms", "p90 ms", "median-hedge");
            for (Fixtures.Fixture trace : List.of(Fixtures.KINGMAN_V0_TRACE_ENTITY, Fixtures.BIG_V0_TRACE_ENTITY)) {
                measure("none", List.of(healthy), Duration.ofSeconds(5), trace, runs);
                for (long hedge : new long[] {250, 500, 1000, 1500}) {
                    measure(hedge + " ms", List.of(stalled, healthy), Duration.ofMillis(hedge), trace, runs);
                }
            }
        }
    }

    private static void measure(String label, List<MockWebServer> servers, Duration hedge, Fixtures.Fixture trace,
                                int runs) throws Exception {
        GatewaySettings settings = GatewaySettings.defaults("benchmark").toBuilder()
                .gateways(servers.stream().map(GatewayHarness::endpoint).toList())
                .hedgeDelay(hedge)
                .readTimeout(Duration.ofSeconds(60))
                .build();
        List<Double> millis = new ArrayList<>();
        for (int run = -2; run < runs; run++) {
            try (GatewayContentSource source = GatewayContentSource.create(settings, new OkHttpClient(), TransferProgress.NONE,
                    Notices.silent())) {
                long start = System.nanoTime();
                byte[] bytes = Extraction.file(trace.root(), TRACE, source.open(trace.root(), TRACE).orElseThrow());
                double took = (System.nanoTime() - start) / 1e6;
                if (!Sha256.hex(bytes).equals(trace.traceSha256())) {
                    throw new IllegalStateException("wrong bytes");
                }
                if (run >= 0) {
                    millis.add(took);
                }
            }
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        String overhead = label.equals("none") ? "-" : String.format(Locale.ROOT, "%.1f", median - hedge.toMillis());
        System.out.printf(Locale.ROOT, "%-9s %-26s %5d %9.1f %9.1f %9.1f %9s%n", label, trace.car(), runs, sorted[0],
                median, sorted[(int) Math.ceil(sorted.length * 0.9) - 1], overhead);
        Arrays.fill(sorted, 0);
    }
}
