package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.in.HealthReport;

/**
 * {@code health} against two loopback trustless gateways: one trace both serve, one neither has, one served only with
 * bytes that do not hash to its CID.
 */
class HealthCommandTest {
    private static final String OK = "health_ok";
    private static final String MISSING = "health_missing";
    private static final String BAD = "health_bad";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer first = new MockWebServer();
    @StartStop
    final MockWebServer second = new MockWebServer();

    private final Map<String, GatewayTraces.Published> traces = new HashMap<>();
    private Path registryFile;

    @BeforeEach
    void publish() throws IOException {
        for (String id : List.of(OK, MISSING, BAD)) {
            traces.put(id, GatewayTraces.publish(work, id, "health check of " + id));
        }
        registryFile = GatewayTraces.writeRegistry(work.resolve("registry.json"), traces.values());
        serve(first, blocks(OK, BAD), Map.of(traces.get(BAD).root(), corrupt(BAD)));
        serve(second, blocks(OK), Map.of());
    }

    private Map<Cid, byte[]> blocks(String... ids) throws IOException {
        Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();
        for (String id : ids) {
            blocks.putAll(GatewayTraces.blocksOf(traces.get(id).car()));
        }
        return blocks;
    }

    private byte[] corrupt(String id) throws IOException {
        byte[] block = GatewayTraces.blocksOf(traces.get(id).car()).get(traces.get(id).root()).clone();
        block[block.length / 2] ^= 0x01;
        return block;
    }

    /** Raw blocks only (CAR requests are refused), {@code altered} served instead of the real block. */
    private static void serve(MockWebServer gateway, Map<Cid, byte[]> blocks, Map<Cid, byte[]> altered) {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!"raw".equals(request.getUrl().queryParameter("format")) || request.getUrl().pathSegments().size() != 2) {
                    return new MockResponse.Builder().code(406).build();
                }
                Cid cid = Cid.parse(request.getUrl().pathSegments().get(1));
                byte[] block = altered.getOrDefault(cid, blocks.get(cid));
                return block == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.ipld.raw")
                                .body(new Buffer().write(block)).build();
            }
        });
    }

    private static String url(MockWebServer gateway) {
        return "http://127.0.0.1:" + gateway.getPort();
    }

    private CliRun health(String... extra) {
        return health(List.of(), extra);
    }

    /** {@code health extra...} with the loopback gateways and registry, and the further {@code settings} (KEY=VALUE). */
    private CliRun health(List<String> settings, String... extra) {
        List<String> args = new ArrayList<>(List.of("--home", home().toString(),
                "--set", "gateway.urls=" + url(first) + "," + url(second), "--set", "registry.url=" + registryFile.toUri()));
        settings.forEach(setting -> args.addAll(List.of("--set", setting)));
        args.add("health");
        args.addAll(List.of(extra));
        return CliRun.run(Map.of(), userHome, args);
    }

    private Path home() {
        return userHome.resolve("home");
    }

    private static JsonNode trace(JsonNode report, String id) {
        for (JsonNode trace : report.get("traces")) {
            if (trace.get("id").asText().equals(id)) {
                return trace;
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    @Test
    void aTraceMissingEverywhereAndOneWithBadBytesAreReportedExitOneAndRecorded() throws IOException {
        CliRun run = health(OK, MISSING, BAD);

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.FAILED);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TRACE").contains("127.0.0.1:" + first.getPort(), "127.0.0.1:" + second.getPort(),
                "UNREACHABLE SINCE");
        assertThat(row(lines, OK)).containsPattern(OK + "\\s+ok \\d+ ms\\s+ok \\d+ ms\\s+-$");
        assertThat(row(lines, MISSING)).containsPattern(MISSING + "\\s+missing \\d+ ms\\s+missing \\d+ ms\\s+\\d{4}-\\d\\d-\\d\\dT");
        assertThat(row(lines, BAD)).containsPattern(BAD + "\\s+bad bytes \\d+ ms\\s+missing \\d+ ms\\s+\\d{4}-");
        assertThat(run.err()).contains("phasic-traces: 2 of 3 trace(s) retrievable from no gateway: " + BAD + " (since ",
                "), " + MISSING + " (since ", "hint: ")
                .contains(BAD + " at " + url(first) + ": the ");
        List<String> history = Files.readAllLines(home().resolve("health").resolve("history.jsonl"));
        assertThat(history).hasSize(1);
        JsonNode recorded = JSON.readTree(history.get(0));
        assertThat(recorded.get("traces")).hasSize(3);
        assertThat(trace(recorded, OK).get("serving").asInt()).isEqualTo(2);
        assertThat(trace(recorded, MISSING).get("serving").asInt()).isZero();
        assertThat(trace(recorded, BAD).get("unreachable_since").asText()).isEqualTo(recorded.get("checked_at").asText());
    }

    private static String row(List<String> lines, String id) {
        return lines.stream().filter(line -> line.startsWith(id + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + id + " in " + lines));
    }

    @Test
    void theJavaFacadeReportsAndRecordsTheSameRun() throws IOException {
        try (PhasicTraces client = PhasicTraces.builder().home(home()).registry(registryFile.toUri().toString())
                .set("gateway.urls", url(first) + "," + url(second)).notices(notice -> { }).build()) {
            HealthReport report = client.health(List.of(OK, MISSING, BAD), false);

            assertThat(report.unreachable()).extracting(trace -> trace.id().value()).containsExactlyInAnyOrder(MISSING, BAD);
            assertThat(report.traces()).hasSize(3);
            assertThat(client.health(List.of(OK), false).unreachable()).isEmpty();
        }
        assertThat(Files.readAllLines(home().resolve("health").resolve("history.jsonl"))).hasSize(2);
    }

    @Test
    void everyTraceReachableExitsZero() {
        CliRun run = health(OK);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 trace(s) checked on 2 gateway(s): all reachable");
    }

    @Test
    void unreachableSinceIsCarriedAcrossRunsAndClearedWhenTheTraceIsServedAgain() throws Exception {
        JsonNode firstRun = JSON.readTree(health("--json", MISSING, OK).out());
        String since = firstRun.get("checked_at").asText();
        Thread.sleep(5);

        CliRun again = health("--json", MISSING, OK);

        assertThat(again.code()).isEqualTo(ExitCode.FAILED);
        JsonNode secondRun = JSON.readTree(again.out());
        assertThat(Instant.parse(secondRun.get("checked_at").asText())).isAfter(Instant.parse(since));
        assertThat(trace(secondRun, MISSING).get("unreachable_since").asText()).isEqualTo(since);
        assertThat(trace(secondRun, OK).get("unreachable_since").isNull()).isTrue();
        assertThat(health(MISSING).out()).containsPattern(MISSING + ".*" + since.substring(0, 19));

        serve(second, blocks(OK, MISSING), Map.of());
        JsonNode recovered = JSON.readTree(health("--json", MISSING).out());
        assertThat(trace(recovered, MISSING).get("reachable").asBoolean()).isTrue();
        assertThat(trace(recovered, MISSING).get("unreachable_since").isNull()).isTrue();
        assertThat(Files.readAllLines(home().resolve("health/history.jsonl"))).hasSize(4);
    }

    @Test
    void jsonNamesEveryFieldInSnakeCase() throws IOException {
        CliRun run = health("--json", "--gateways", url(first), BAD, OK);

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.fieldNames()).toIterable().containsExactly("checked_at", "full", "gateways", "unreachable", "traces");
        assertThat(report.get("gateways")).hasSize(1);
        assertThat(report.get("gateways").get(0).asText()).isEqualTo(url(first));
        assertThat(report.get("unreachable").asInt()).isEqualTo(1);
        JsonNode bad = trace(report, BAD);
        assertThat(bad.fieldNames()).toIterable().containsExactly("id", "cid", "reachable", "serving", "unreachable_since",
                "gateways", "pins");
        assertThat(bad.get("cid").asText()).isEqualTo(traces.get(BAD).root().toString());
        JsonNode check = bad.get("gateways").get(0);
        assertThat(check.fieldNames()).toIterable().containsExactly("gateway", "status", "latency_ms", "detail");
        assertThat(check.get("status").asText()).isEqualTo("bad_bytes");
        assertThat(check.get("latency_ms").isIntegralNumber()).isTrue();
        assertThat(trace(report, OK).get("gateways").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(trace(report, OK).get("gateways").get(0).get("detail").isNull()).isTrue();
    }

    @Test
    void aGatewaySlowerThanTheProbeLimitIsATimeout() throws IOException {
        first.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(404).headersDelay(5, TimeUnit.SECONDS).build();
            }
        });

        long start = System.nanoTime();
        CliRun run = health(List.of("health.timeout=300ms"), "--json", OK);

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode checks = trace(JSON.readTree(run.out()), OK).get("gateways");
        assertThat(checks.get(0).get("status").asText()).isEqualTo("timeout");
        assertThat(checks.get(1).get("status").asText()).isEqualTo("ok");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
    }

    @Test
    void fullChecksTheTraceFileBehindAGoodRootBlock() throws IOException {
        GatewayTraces.Published ok = traces.get(OK);
        Cid traceFile = Cid.parse(ok.entry().files().get("trace.json.gz").cid());
        byte[] leaf = GatewayTraces.blocksOf(ok.car()).get(traceFile).clone();
        leaf[leaf.length - 1] ^= 0x01;
        serve(first, blocks(OK), Map.of(traceFile, leaf));

        CliRun rootsOnly = health("--json", OK);
        CliRun full = health("--json", "--full", OK);

        assertThat(trace(JSON.readTree(rootsOnly.out()), OK).get("gateways").get(0).get("status").asText()).isEqualTo("ok");
        JsonNode report = JSON.readTree(full.out());
        assertThat(report.get("full").asBoolean()).isTrue();
        JsonNode checks = trace(report, OK).get("gateways");
        assertThat(checks.get(0).get("status").asText()).as(checks.toString()).isEqualTo("bad_bytes");
        assertThat(checks.get(1).get("status").asText()).as(checks.toString()).isEqualTo("ok");
        assertThat(full.code()).isZero();
    }

    @Test
    void theConfiguredPinningServiceIsAskedForEachCid() throws Exception {
        try (MockWebServer pinning = new MockWebServer()) {
            pinning.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String cid = request.getUrl().queryParameter("cid");
                    String results = cid.equals(traces.get(OK).root().toString())
                            ? "{\"requestid\":\"r1\",\"status\":\"pinned\",\"created\":\"2026-12-01T00:00:00Z\","
                            + "\"pin\":{\"cid\":\"" + cid + "\"},\"delegates\":[]}" : "";
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body("{\"count\":" + (results.isEmpty() ? 0 : 1) + ",\"results\":[" + results + "]}").build();
                }
            });
            pinning.start();

            CliRun run = CliRun.run(Map.of("PINNING_SERVICE_TOKEN", "secret-token"), userHome, List.of("--home", home().toString(),
                    "--set", "gateway.urls=" + url(first), "--set", "registry.url=" + registryFile.toUri(),
                    "--set", "publish.pinningUrl=" + pinning.url("/psa"), "health", "--json", OK, MISSING));

            JsonNode report = JSON.readTree(run.out());
            assertThat(trace(report, OK).get("pins").get(0).get("status").asText()).isEqualTo("pinned");
            assertThat(trace(report, OK).get("pins").get(0).get("service").asText()).startsWith("pinning service ");
            assertThat(trace(report, MISSING).get("pins").get(0).get("status").asText()).isEqualTo("none");
            assertThat(pinning.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer secret-token");
            assertThat(run.out() + run.err()).doesNotContain("secret-token");
        }
    }

    @Test
    void aMalformedGatewayOrAnUnknownIdIsAUsageError() {
        CliRun badUrl = health("--gateways", "ftp://example.org", OK);
        CliRun unknown = health("no_such_trace");

        assertThat(badUrl.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badUrl.err()).startsWith("phasic-traces: ").contains("ftp");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("no_such_trace");
    }
}
