package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.app.testing.CliRun;

/**
 * The real network adapters pointed at one loopback server that records every request (registry at
 * {@code /registry.json}, gateway at {@code /ipfs/...}): the network is used only when nothing local can serve.
 */
class NetworkTripwireTest {
    private static final String UNBUNDLED = "only_on_the_network";

    @TempDir
    Path temp;

    private final MockWebServer server = new MockWebServer();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String registry;
    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        ObjectNode document = BundledEntries.registry();
        ObjectNode traces = (ObjectNode) document.get("traces");
        ObjectNode entry = traces.get("kingman_n3_theta1").deepCopy();
        entry.put("cid", Cid.compute(0, Multicodec.DAG_PB, "not in the bundle".getBytes(StandardCharsets.UTF_8)).toString());
        traces.set(UNBUNDLED, entry);
        registry = new ObjectMapper().writeValueAsString(document);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getUrl().encodedPath());
                return request.getUrl().encodedPath().equals("/registry.json")
                        ? new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(registry).build()
                        : new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
        cli = new Cli(temp.resolve("home"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String[] online(String... args) {
        String base = server.url("/").toString();
        List<String> all = new java.util.ArrayList<>(List.of("--set", "registry.url=" + base + "registry.json",
                "--set", "gateway.urls=" + base.substring(0, base.length() - 1), "--set", "gateway.retries=0"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void aStoreHitMakesNoNetworkCallEvenOnline() {
        assertThat(cli.run("--offline", "get", "kingman_n5_theta1").code()).isZero();

        CliRun hit = cli.run(online("get", "kingman_n5_theta1"));

        assertThat(hit.code()).as(hit.err()).isZero();
        assertThat(hit.err()).contains("from local store");
        assertThat(requests).isEmpty();
    }

    @Test
    void aColdGetOfABundledTraceIsServedByTheBundleBeforeAnyGateway() {
        CliRun cold = cli.run(online("get", "kingman_n10_theta1"));

        assertThat(cold.code()).as(cold.err()).isZero();
        assertThat(cold.err()).contains("from bundled library, verified");
        assertThat(requests).noneMatch(path -> path.startsWith("/ipfs/"));
    }

    @Test
    void offlineByFlagOrEnvironmentMissesAtOnceWithoutTouchingTheNetwork() throws Exception {
        assertThat(cli.run(online("registry", "update")).code()).isZero();
        requests.clear();

        CliRun byFlag = cli.run(online("--offline", "get", UNBUNDLED));
        CliRun byEnvironment = cli.run(Map.of("PHASIC_TRACES_OFFLINE", "1"), online("get", UNBUNDLED));

        for (CliRun run : List.of(byFlag, byEnvironment)) {
            assertThat(run.code()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).startsWith("phasic-traces: could not fetch " + UNBUNDLED)
                    .contains("hint: you are offline");
        }
        assertThat(requests).isEmpty();
        assertThat(cli.storeEntries("refs")).isEmpty();
    }

    @Test
    void installReportsEveryTraceAndExitsOneWhenAnyFailed() throws Exception {
        assertThat(cli.run(online("registry", "update")).code()).isZero();
        requests.clear();

        CliRun install = cli.run(online("--offline", "install", "--jobs", "3"));

        assertThat(install.code()).isEqualTo(ExitCode.FAILED);
        assertThat(install.out()).contains("installed 6 trace(s): 6 fetched, 0 already stored, 1 failed");
        assertThat(install.err()).contains("failed " + UNBUNDLED + ": could not fetch " + UNBUNDLED)
                .contains("] kingman_n20_theta1: ok (bundled library)");
        assertThat(requests).isEmpty();
        assertThat(cli.storeEntries("refs")).hasSize(6).doesNotContain(UNBUNDLED + ".json");
    }

    @Test
    void onlineAMissAsksTheGatewayAndStoresNothingWhenItHasNothing() throws Exception {
        assertThat(cli.run(online("registry", "update")).code()).isZero();
        requests.clear();

        CliRun miss = cli.run(online("get", UNBUNDLED));

        assertThat(miss.code()).isEqualTo(ExitCode.FAILED);
        assertThat(miss.err()).startsWith("phasic-traces: could not fetch " + UNBUNDLED);
        assertThat(requests).isNotEmpty().allMatch(path -> path.startsWith("/ipfs/"));
        assertThat(cli.storeEntries("refs")).isEmpty();
        assertThat(cli.storeEntries("objects")).isEmpty();
        assertThat(cli.storeEntries("tmp")).isEmpty();
    }
}
