package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.daemon.FakeKuboApi;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceCollection;

/**
 * {@code mirror --once} against a loopback registry (with entity tags) and a loopback trustless gateway: new traces
 * arrive, removed ones are collected unless pinned, outages are logged without losing anything, {@code --pin} pins on
 * a (fake) local daemon once, restarts included, and SIGTERM stops a running loop cleanly.
 */
class MirrorCommandTest {
    private static final String TIMESTAMPED = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*";

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();
    @StartStop
    final MockWebServer registryServer = new MockWebServer();

    private final Map<String, byte[]> cars = new ConcurrentHashMap<>();
    private final List<String> conditionalRequests = Collections.synchronizedList(new ArrayList<>());
    private volatile byte[] registry;
    private volatile String etag = "\"r1\"";
    private volatile boolean registryDown;
    private volatile boolean gatewayDown;
    private GatewayTraces.Published first;
    private GatewayTraces.Published second;
    private GatewayTraces.Published third;

    @BeforeEach
    void serve() throws IOException {
        first = GatewayTraces.publish(work, "mirror_first", "first");
        second = GatewayTraces.publish(work, "mirror_second", "second");
        third = GatewayTraces.publish(work, "mirror_third", "third");
        for (GatewayTraces.Published trace : List.of(first, second, third)) {
            cars.put(trace.root().toString(), trace.car());
        }
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] car = gatewayDown ? null : cars.get(request.getUrl().pathSegments().get(1));
                if (car == null) {
                    return new MockResponse.Builder().code(gatewayDown ? 502 : 404).build();
                }
                return new MockResponse.Builder().code(200).setHeader("Content-Type", GatewayTraces.CAR_TYPE)
                        .body(new Buffer().write(car)).build();
            }
        });
        registryServer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (registryDown) {
                    return new MockResponse.Builder().code(503).body("maintenance").build();
                }
                String asked = request.getHeaders().get("If-None-Match");
                if (asked != null) {
                    conditionalRequests.add(asked);
                }
                if (etag.equals(asked)) {
                    return new MockResponse.Builder().code(304).build();
                }
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .setHeader("ETag", etag).body(new Buffer().write(registry)).build();
            }
        });
    }

    /** Serves a registry of {@code traces}, all of them in collection {@code mirrored}, under entity tag {@code version}. */
    private void publishRegistry(String version, GatewayTraces.Published... traces) throws IOException {
        Registry listed = new JacksonRegistryCodec().read(Files.newInputStream(
                GatewayTraces.writeRegistry(work.resolve("registry-" + version + ".json"), List.of(traces))));
        TraceCollection mirrored = new TraceCollection("mirrored traces", null,
                Stream.of(traces).map(trace -> trace.entry().id().value()).toList(), Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JacksonRegistryCodec().write(new Registry(listed.version(), listed.updated(), listed.traces(),
                Map.of("mirrored", mirrored), listed.pinningServices(), listed.extra()), out);
        registry = out.toByteArray();
        etag = "\"" + version + "\"";
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", userHome.resolve("home").toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryServer.url("/registry.json")));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), userHome, all);
    }

    private List<String> stored() {
        CliRun list = cli("--offline", "store", "ls");
        assertThat(list.code()).as(list.err()).isZero();
        return list.out().lines().map(line -> line.split("\\s+")[0]).toList();
    }

    @Test
    void newTracesArriveAndRemovedOnesAreCollectedUnlessPinned() throws IOException {
        publishRegistry("r1", first, second);

        CliRun initial = cli("mirror", "--once");

        assertThat(initial.code()).as(initial.out() + initial.err()).isZero();
        assertThat(initial.out().lines()).allMatch(line -> line.matches(TIMESTAMPED));
        assertThat(initial.out()).contains("registry updated from " + registryServer.url("/registry.json"),
                "installed mirror_first (from gateways", "installed mirror_second (from gateways");
        assertThat(stored()).contains("mirror_first", "mirror_second");
        assertThat(cli("pin", "mirror_second").code()).isZero();

        publishRegistry("r2", third);
        CliRun changed = cli("mirror", "--once");

        assertThat(changed.code()).as(changed.out() + changed.err()).isZero();
        assertThat(changed.out()).contains("installed mirror_third", "collected mirror_first")
                .doesNotContain("installed mirror_first", "installed mirror_second", "collected mirror_second");
        assertThat(stored()).contains("mirror_second", "mirror_third").doesNotContain("mirror_first");

        CliRun unchanged = cli("mirror", "--once");

        assertThat(unchanged.code()).isZero();
        assertThat(unchanged.out()).as("nothing changed, nothing logged").isEmpty();
        assertThat(conditionalRequests).as("the registry is asked conditionally").contains("\"r2\"");
    }

    @Test
    void outagesAreLoggedAndNothingIsLostOrCollectedOnStaleInformation() throws IOException {
        publishRegistry("r1", first);
        assertThat(cli("mirror", "--once").code()).isZero();

        registryDown = true;
        CliRun registryOutage = cli("mirror", "--once");

        assertThat(registryOutage.code()).isEqualTo(1);
        assertThat(registryOutage.out()).contains("could not update the registry from " + registryServer.url("/registry.json"))
                .doesNotContain("collected");
        assertThat(stored()).contains("mirror_first");

        registryDown = false;
        gatewayDown = true;
        publishRegistry("r2", first, second);
        CliRun gatewayOutage = cli("mirror", "--once");

        assertThat(gatewayOutage.code()).isEqualTo(1);
        assertThat(gatewayOutage.out()).contains("registry updated", "could not install mirror_second");
        assertThat(stored()).contains("mirror_first").doesNotContain("mirror_second");

        gatewayDown = false;
        CliRun recovered = cli("-q", "mirror", "--once");

        assertThat(recovered.code()).as(recovered.err()).isZero();
        assertThat(recovered.out()).as("quiet: failures only").isEmpty();
        assertThat(stored()).contains("mirror_first", "mirror_second");
    }

    @Test
    void pinAsksTheLocalDaemonToPinEachMirroredTraceOnce() throws IOException {
        publishRegistry("r1", first, second);
        try (FakeKuboApi daemon = FakeKuboApi.start()) {
            CliRun run = cli("--set", "ipfs.api=" + daemon.url(), "mirror", "--once", "--pin", "--collection", "mirrored");

            assertThat(run.code()).as(run.out() + run.err()).isZero();
            assertThat(daemon.calls()).filteredOn(call -> call.startsWith("pin/add"))
                    .containsExactlyInAnyOrder("pin/add " + first.root(), "pin/add " + second.root());
            assertThat(run.out()).contains("pinned mirror_first (" + first.root() + ") on IPFS daemon at");

            CliRun restarted = cli("--set", "ipfs.api=" + daemon.url(), "mirror", "--once", "--pin", "--collection", "mirrored");

            assertThat(restarted.code()).as(restarted.out() + restarted.err()).isZero();
            assertThat(daemon.calls()).as("a restarted mirror reads its record and pins nothing again")
                    .filteredOn(call -> call.startsWith("pin/add")).hasSize(2);
            assertThat(restarted.out()).doesNotContain("pinned");

            Files.writeString(pinRecord(), "{\"pinned\": [");
            CliRun unreadable = cli("--set", "ipfs.api=" + daemon.url(), "mirror", "--once", "--pin", "--collection", "mirrored");

            assertThat(unreadable.code()).as(unreadable.out() + unreadable.err()).isZero();
            assertThat(unreadable.err().lines().filter(line -> line.contains("record of the mirror's pins")))
                    .singleElement().asString().contains(pinRecord().toString(), "pinned again");
            assertThat(daemon.calls()).filteredOn(call -> call.startsWith("pin/add")).hasSize(4);
            assertThat(Files.readString(pinRecord())).as("rewritten").contains(first.root().toString(), second.root().toString());
        }

        CliRun noDaemon = cli("--set", "ipfs.api=/ip4/127.0.0.1/tcp/" + deadPort(), "mirror", "--once", "--pin",
                "--collection", "mirrored");

        assertThat(noDaemon.code()).isEqualTo(1);
        assertThat(noDaemon.out()).contains("could not pin mirror_first on IPFS daemon at");
    }

    private Path pinRecord() {
        return userHome.resolve("home").resolve("mirror").resolve("pins.json");
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void sigtermStopsTheLoopBetweenSteps() throws Exception {
        publishRegistry("r1", first);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Duser.home=" + userHome,
                "-cp", System.getProperty("java.class.path"), "org.phasic.traces.app.cli.Main",
                "--home", userHome.resolve("home").toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryServer.url("/registry.json"),
                "mirror", "--collection", "mirrored", "--interval", "10s")
                .redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PHASIC_TRACES_"));
        Process loop = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(loop.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.contains("installed mirror_first"));
            assertThat(line).as("the first pass installs the trace").isNotNull();

            loop.destroy();

            assertThat(loop.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            loop.destroyForcibly();
        }
        assertThat(Files.readString(work.resolve("stderr.txt"))).contains("mirror stopped");
        assertThat(stored()).contains("mirror_first");
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun badInterval = cli("mirror", "--interval", "soon");
        CliRun tooShort = cli("mirror", "--interval", "1s");
        CliRun both = cli("mirror", "--all", "--collection", "x");
        CliRun offline = cli("--offline", "mirror", "--once");

        assertThat(List.of(badInterval, tooShort, both, offline)).allSatisfy(run -> {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith("phasic-traces: ");
        });
        assertThat(badInterval.err()).contains("invalid --interval 'soon'", "30m");
        assertThat(tooShort.err()).contains("out of range");
        assertThat(registryServer.getRequestCount()).as("nothing was fetched").isZero();
    }
}
