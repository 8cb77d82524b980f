package org.phasic.traces.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/** {@code phasic-traces publish} end to end: MockWebServers play the Kubo RPC API and the GitHub REST API. */
class PublishCommandTest {
    private static final String TOKEN = "ghp_publishtesttoken0123456789";
    private static final String ID = "kingman_n5_copy";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    @StartStop
    private final MockWebServer kubo = new MockWebServer();
    @StartStop
    private final MockWebServer github = new MockWebServer();

    private Path home;
    private Path registryFile;
    private byte[] registryBytes;


    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("org/phasic/traces/app/bundle/registry.json")) {
            registryBytes = in.readAllBytes();
        }
        registryFile = Files.write(tmp.resolve("registry.json"), registryBytes);
    }

    private CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--set", "registry.url=" + registryFile.toUri(),
                "--set", "github.api=" + github.url("/")));
        all.addAll(List.of(args));
        return CliRun.run(environment, tmp, all);
    }

    private Map<String, String> environment(String ipfsApi, boolean token) {
        Map<String, String> environment = new HashMap<>(Map.of("IPFS_API", ipfsApi, "IPFS_PATH", tmp.resolve("ipfs").toString()));
        if (token) {
            environment.put("GITHUB_TOKEN", TOKEN);
        }
        return environment;
    }

    private String kuboUrl() {
        return kubo.url("/").toString().replaceAll("/$", "");
    }

    private static String[] publish(String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", PublishServiceTest.N5_GZ.toString(), "--id", ID,
                "--metadata", PublishServiceTest.N5_METADATA.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static JsonNode entryOf(String out) throws IOException {
        JsonNode printed = JSON.readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
        assertThat(printed.size()).isEqualTo(1);
        return printed.get(ID);
    }

    private List<Path> storedFiles() throws IOException {
        Path store = home.resolve("store");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String dryRunCid() throws IOException {
        CliRun dry = run(environment(kuboUrl(), false), publish("--dry-run"));
        assertThat(dry.code()).as(dry.err()).isZero();
        return entryOf(dry.out()).get("cid").asText();
    }

    @Test
    void dryRunPrintsTheEntryAndTouchesNothing() throws Exception {
        CliRun run = run(environment(kuboUrl(), true), publish("--dry-run"));

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode entry = entryOf(run.out());
        assertThat(entry.get("cid").asText()).startsWith("Qm").hasSize(46);
        assertThat(entry.get("files").fieldNames()).toIterable().containsExactly("trace.json.gz", "metadata.json", "checksum.sha256");
        assertThat(entry.get("files").get("trace.json.gz").get("cid").asText()).startsWith("Qm");
        assertThat(entry.get("checksum").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(entry.get("license").asText()).isEqualTo("MIT");
        assertThat(entry.get("metadata").get("vertices").asInt()).isEqualTo(5);
        assertThat(run.err()).contains("dry run: nothing was stored, uploaded or proposed");
        assertThat(storedFiles()).isEmpty();
        assertThat(kubo.getRequestCount()).isZero();
        assertThat(github.getRequestCount()).isZero();
        assertThat(dryRunCid()).as("the same input gives the same CID").isEqualTo(entry.get("cid").asText());
    }

    @Test
    void publishAddsToTheDaemonStoresAndOpensThePullRequest() throws Exception {
        String cid = dryRunCid();
        kubo.enqueue(json("{\"Version\":\"0.29.0\",\"Commit\":\"\",\"Repo\":\"15\"}"));
        kubo.enqueue(json("{\"Name\":\"trace/checksum.sha256\",\"Hash\":\"QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ\",\"Size\":\"90\"}\n"
                + "{\"Name\":\"trace\",\"Hash\":\"" + cid + "\",\"Size\":\"1500\"}\n"));
        github.enqueue(json("{\"full_name\": \"munch-group/phasic-traces\", \"permissions\": {\"push\": true}}"));
        github.enqueue(json("{\"ref\": \"refs/heads/master\", \"object\": {\"sha\": \"aa218f56b14c9653891f9e74264a383fa43fefbd\"}}"));
        github.enqueue(new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json").body("{}").build());
        github.enqueue(json("{\"type\": \"file\", \"encoding\": \"base64\", \"sha\": \"3d21ec53\", \"size\": " + registryBytes.length
                + ", \"content\": \"" + Base64.getEncoder().encodeToString(registryBytes) + "\"}"));
        github.enqueue(json("{\"content\": {\"sha\": \"new\"}}"));
        github.enqueue(new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
                .body("{\"number\": 7, \"html_url\": \"https://github.com/munch-group/phasic-traces/pull/7\"}").build());

        CliRun run = run(environment(kuboUrl(), true), publish());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("published " + ID + ": " + cid, "pull request: https://github.com/munch-group/phasic-traces/pull/7",
                "which computed the same CID");
        assertThat(run.out() + run.err()).doesNotContain(TOKEN);
        assertThat(take(kubo).getUrl().encodedPath()).isEqualTo("/api/v0/version");
        RecordedRequest add = take(kubo);
        assertThat(add.getUrl().encodedPath()).isEqualTo("/api/v0/add");
        assertThat(add.getUrl().queryParameter("pin")).isEqualTo("true");
        assertThat(add.getUrl().queryParameter("cid-version")).isEqualTo("0");
        assertThat(add.getHeaders().get("Authorization")).isNull();

        List<String> lines = new ArrayList<>();
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordedRequest request = take(github);
            requests.add(request);
            lines.add(request.getRequestLine().replaceAll("\\?.*", "").replaceAll("ref=.*", ""));
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
        assertThat(lines).containsExactly("GET /repos/munch-group/phasic-traces HTTP/1.1",
                "GET /repos/munch-group/phasic-traces/git/ref/heads/master HTTP/1.1",
                "POST /repos/munch-group/phasic-traces/git/refs HTTP/1.1",
                "GET /repos/munch-group/phasic-traces/contents/registry.json",
                "PUT /repos/munch-group/phasic-traces/contents/registry.json HTTP/1.1",
                "POST /repos/munch-group/phasic-traces/pulls HTTP/1.1");
        JsonNode put = JSON.readTree(requests.get(4).getBody().utf8());
        assertThat(put.get("sha").asText()).isEqualTo("3d21ec53");
        Registry proposed = new JacksonRegistryCodec().read(Base64.getDecoder().decode(put.get("content").asText()));
        TraceEntry entry = proposed.find(TraceId.of(ID)).orElseThrow();
        assertThat(entry.cid()).isEqualTo(cid);
        assertThat(proposed.traces()).hasSize(new JacksonRegistryCodec().read(registryBytes).traces().size() + 1);
        assertThat(JSON.readTree(requests.get(5).getBody().utf8()).get("body").asText())
                .contains(cid, "computed locally", "added and pinned on the IPFS daemon at");
        DiskTraceStore store = new DiskTraceStore(home.resolve("store"), Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(store.find(TraceId.of(ID), cid)).hasValueSatisfying(stored ->
                assertThat(stored.files().keySet()).containsExactlyInAnyOrder("trace.json.gz", "metadata.json", "checksum.sha256"));
    }

    @Test
    void withoutDaemonOrPinningItSaysNothingServesTheContentAndWhatToDo() throws Exception {
        String cid = dryRunCid();

        CliRun run = run(environment("http://127.0.0.1:" + closedPort(), true), publish());

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("stored " + ID + ": " + cid + " (local store only, not published)")
                .doesNotContain("published " + ID, "open the pull request by hand");
        assertThat(run.err()).contains("no answer from the IPFS daemon at http://127.0.0.1:",
                "phasic-traces: publish: nothing serves " + cid + " yet: no IPFS node answered and no pinning service is configured",
                "hint: start an IPFS daemon ('phasic-traces daemon start') or set publish.pinningUrl and PINNING_SERVICE_TOKEN");
        assertThat(github.getRequestCount()).isZero();
        assertThat(storedFiles()).isNotEmpty();
    }

    @Test
    void withADaemonButNoTokenItPrintsManualInstructions() throws Exception {
        String cid = dryRunCid();
        kubo.enqueue(json("{\"Version\":\"0.29.0\"}"));
        kubo.enqueue(json("{\"Name\":\"trace\",\"Hash\":\"" + cid + "\",\"Size\":\"1500\"}\n"));

        CliRun run = run(environment(kuboUrl(), false), publish());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("published " + ID + ": " + cid, "open the pull request by hand", "\"" + ID + "\": {");
        assertThat(github.getRequestCount()).isZero();
    }

    @Test
    void aConfiguredPinningServiceIsAskedToPinTheCid() throws Exception {
        String cid = dryRunCid();
        kubo.enqueue(new MockResponse.Builder().code(202).setHeader("Content-Type", "application/json").body("""
                {"requestid":"r1","status":"queued","created":"2026-11-25T06:00:00Z","pin":{"cid":"%s"},"delegates":[]}
                """.formatted(cid)).build());
        Map<String, String> environment = environment("http://127.0.0.1:" + closedPort(), false);
        environment.put("PINNING_SERVICE_TOKEN", "psa-secret-123");

        CliRun run = run(environment, publish("--no-pr", "--set", "publish.pinningUrl=" + kubo.url("/psa")));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("pin requested on pinning service " + kubo.url("/").host() + " (queued)",
                "registry entry (no pull request opened):");
        RecordedRequest pin = take(kubo);
        assertThat(pin.getRequestLine()).isEqualTo("POST /psa/pins HTTP/1.1");
        assertThat(pin.getHeaders().get("Authorization")).isEqualTo("Bearer psa-secret-123");
        assertThat(JSON.readTree(pin.getBody().utf8()).get("cid").asText()).isEqualTo(cid);
        assertThat(run.out() + run.err()).doesNotContain("psa-secret-123");
    }

    @Test
    void offlineStoresAndAddsLocallyButOpensNoPullRequestAndAsksNoPinningService() throws Exception {
        String cid = dryRunCid();
        kubo.enqueue(json("{\"Version\":\"0.29.0\"}"));
        kubo.enqueue(json("{\"Name\":\"trace\",\"Hash\":\"" + cid + "\",\"Size\":\"1500\"}\n"));
        Map<String, String> environment = environment(kuboUrl(), true);
        environment.put("PINNING_SERVICE_TOKEN", "psa-secret-123");

        CliRun run = run(environment, publish("--offline", "--set", "publish.pinningUrl=" + github.url("/psa")));
        CliRun check = run(environment, publish("--offline", "--check-retrievable"));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("offline: no pull request and no remote pinning");
        assertThat(run.out()).contains("which computed the same CID", "registry entry (no pull request opened):", cid);
        assertThat(github.getRequestCount()).isZero();
        assertThat(check.code()).isEqualTo(ExitCode.USAGE);
        assertThat(check.err()).contains("--check-retrievable needs the network");
    }

    @Test
    void daemonWithAnotherCidFailsBeforeAnyPullRequest() throws Exception {
        kubo.enqueue(json("{\"Version\":\"0.29.0\"}"));
        kubo.enqueue(json("{\"Name\":\"trace\",\"Hash\":\"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG\",\"Size\":\"1\"}\n"));

        CliRun run = run(environment(kuboUrl(), true), publish());

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("computed the directory CID QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG but Qm");
        assertThat(github.getRequestCount()).isZero();
    }

    @Test
    void yamlMetadataAndFlagsCombineFlagsWinning() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("meta.yaml"), """
                model_type: coalescent
                domain: population-genetics
                description: Kingman n=5 again
                license: MIT
                tags: [x]
                parameters:
                  - name: theta
                    description: scaled mutation rate
                """);

        CliRun run = run(environment(kuboUrl(), false), "publish", PublishServiceTest.N5_GZ.toString(), "--id", ID, "--metadata",
                yaml.toString(), "--license", "CC-BY-4.0", "--tag", "a", "--tag", "b", "--author", "Ada", "--doi", "10.1/x", "--dry-run");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode entry = entryOf(run.out());
        assertThat(entry.get("license").asText()).isEqualTo("CC-BY-4.0");
        JsonNode metadata = entry.get("metadata");
        assertThat(metadata.get("description").asText()).isEqualTo("Kingman n=5 again");
        assertThat(metadata.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(metadata.get("author").asText()).isEqualTo("Ada");
        assertThat(metadata.get("citation").get("url").asText()).isEqualTo("https://doi.org/10.1/x");
        assertThat(metadata.get("parameters").get(0).get("name").asText()).isEqualTo("theta");
        assertThat(metadata.get("param_length").asInt()).isEqualTo(1);
        assertThat(metadata.get("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void missingMetadataIsRefusedOneLineEachWithAHint() {
        CliRun run = run(environment(kuboUrl(), false), "publish", PublishServiceTest.N5_GZ.toString(), "--id", ID, "--model-type",
                "coalescent", "--dry-run");

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().lines().toList()).containsExactly(
                "phasic-traces: publish: metadata domain is missing (e.g. population-genetics)",
                "phasic-traces: publish: metadata description is missing (one line)",
                "phasic-traces: publish: metadata license is missing (e.g. MIT)",
                "  hint: give the missing metadata in --metadata FILE or as flags; see 'publish --help'");
    }

    @Test
    void anExistingIdIsRefusedWithoutNewVersion() {
        CliRun run = run(environment(kuboUrl(), false), "publish", PublishServiceTest.N5_GZ.toString(), "--id", "kingman_n3_theta1",
                "--metadata", PublishServiceTest.N5_METADATA.toString(), "--dry-run");

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("trace kingman_n3_theta1 already exists in the registry", "--new-version");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = run(Map.of(), "publish", "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: phasic-traces publish", "TRACE_FILE", "--id=ID", "--metadata=FILE", "--dry-run",
                "--new-version", "--no-pr", "--check-retrievable", "--code=FILE");
    }

    @Test
    void badIdOrMissingFileIsAUsageError() {
        CliRun badId = run(environment(kuboUrl(), false), "publish", PublishServiceTest.N5_GZ.toString(), "--id", "../Evil", "--dry-run");
        CliRun missing = run(environment(kuboUrl(), false), "publish", tmp.resolve("nope.json").toString(), "--id", ID, "--dry-run");

        assertThat(badId.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badId.err()).contains("invalid trace id '../Evil'");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("no such file: " + tmp.resolve("nope.json"));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("expected another request").isNotNull();
        return request;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
