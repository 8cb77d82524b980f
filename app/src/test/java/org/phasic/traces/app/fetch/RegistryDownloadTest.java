package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** A registry download that fails, is malformed or is not shaped like a registry never replaces the last good copy. */
class RegistryDownloadTest {
    private static final String SERVER_ONLY = "server_only_trace";

    @TempDir
    Path temp;

    private final MockWebServer server = new MockWebServer();
    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        server.start();
        cli = new Cli(temp.resolve("home"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "registry.url=" + server.url("/registry.json");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** The bundled registry plus one trace only the server lists. */
    private static String goodRegistry() throws Exception {
        ObjectNode registry = BundledEntries.registry();
        ObjectNode traces = (ObjectNode) registry.get("traces");
        traces.set(SERVER_ONLY, traces.get("kingman_n3_theta1").deepCopy());
        return new ObjectMapper().writeValueAsString(registry);
    }

    static Stream<Arguments> badDownloads() {
        return Stream.of(
                Arguments.of("truncated JSON", json(200, "{\"version\": \"1.0.0\", \"traces\": {\"a\": {\"cid\": ")),
                Arguments.of("not JSON at all", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                        .body("<html>captive portal</html>").build()),
                Arguments.of("an array", json(200, "[]")),
                Arguments.of("unsupported version", json(200, "{\"version\": \"2.0.0\", \"traces\": {}}")),
                Arguments.of("a trace without cid", json(200, "{\"version\": \"1.0.0\", \"traces\": {\"x\": {\"description\": \"no cid\"}}}")),
                Arguments.of("a hostile trace id", json(200, "{\"version\": \"1.0.0\", \"traces\": {\"../x\": {\"cid\": \"QmX\"}}}")),
                Arguments.of("a server error", json(500, "{\"message\": \"oops\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDownloads")
    void aBadDownloadKeepsTheLastGoodRegistry(String what, MockResponse bad) throws Exception {
        server.enqueue(json(200, goodRegistry()).newBuilder().setHeader("ETag", "\"v1\"").build());
        CliRun first = cli.run("--set", url(), "registry", "update");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("registry updated from " + server.url("/registry.json") + " (7 traces)");
        Path cached = onlyCopy();
        byte[] lastGood = Files.readAllBytes(cached);
        server.enqueue(bad);

        CliRun update = cli.run("--set", url(), "registry", "update");

        assertThat(update.code()).isEqualTo(ExitCode.FAILED);
        assertThat(update.out()).isEmpty();
        assertThat(update.err()).contains("could not update the registry from " + server.url("/registry.json"))
                .contains("using the last good copy from");
        assertThat(update.err().split(java.util.regex.Pattern.quote(server.url("/registry.json").toString()), -1))
                .as("the URL is named once: %s", update.err()).hasSize(2);
        assertThat(update.err().lines()).hasSize(1);
        assertThat(Files.readAllBytes(cached)).as("the last good copy is untouched").isEqualTo(lastGood);
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest conditional = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        CliRun show = cli.run("--offline", "--set", url(), "show", SERVER_ONLY);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains(SERVER_ONLY);
        try (Stream<Path> leftovers = Files.list(cached.getParent())) {
            assertThat(leftovers.map(path -> path.getFileName().toString()))
                    .containsOnly("registry.json", "registry.meta.json", "registry.index", "registry.summaries");
        }
    }

    @org.junit.jupiter.api.Test
    void aDocumentOverTheLimitIsRefusedWhileArrivingNamingTheSettingAndNothingIsLeftBehind() throws Exception {
        String good = goodRegistry() + " ".repeat(20_000);
        String limit = "registry.maxBytes=" + (good.length() + 100);
        server.enqueue(json(200, good));
        CliRun first = cli.run("--set", url(), "--set", limit, "registry", "update");
        assertThat(first.code()).as(first.err()).isZero();
        Path cached = onlyCopy();
        byte[] lastGood = Files.readAllBytes(cached);
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().writeUtf8(good + " ".repeat(4000)), 512).build());
        Path file = Files.writeString(temp.resolve("big-registry.json"), good + " ".repeat(4000));

        CliRun overHttp = cli.run("--set", url(), "--set", limit, "registry", "update");
        CliRun overFile = cli.run("--set", "registry.url=" + file.toUri(), "--set", limit, "registry", "update");

        for (CliRun refused : List.of(overHttp, overFile)) {
            assertThat(refused.code()).isEqualTo(ExitCode.FAILED);
            assertThat(refused.err().lines()).as(refused.err()).hasSize(1);
            assertThat(refused.err()).contains("too large").contains("registry.maxBytes");
        }
        assertThat(overFile.err()).contains("using the bundled registry");
        assertThat(Files.readAllBytes(cached)).isEqualTo(lastGood);
        try (Stream<Path> files = Files.walk(cli.home().resolve("registry"))) {
            assertThat(files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()))
                    .as("the last good copy only: no staging file, no copy of the refused file")
                    .containsOnly("registry.json", "registry.meta.json", "registry.index", "registry.summaries");
        }
    }

    @org.junit.jupiter.api.Test
    void offlineValidationNeverGoesToTheNetworkAndChecksTheLastGoodCopy() throws Exception {
        CliRun none = cli.run("--offline", "--set", url(), "registry", "validate");
        assertThat(none.code()).isEqualTo(ExitCode.FAILED);
        assertThat(none.err()).contains("offline: not downloading " + server.url("/registry.json"));
        CliRun named = cli.run("--offline", "registry", "validate", server.url("/registry.json").toString());
        assertThat(named.code()).isEqualTo(ExitCode.FAILED);
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(json(200, goodRegistry()));
        assertThat(cli.run("--set", url(), "registry", "update").code()).isZero();
        CliRun cached = cli.run("--offline", "--set", url(), "registry", "validate");

        assertThat(cached.code()).as(cached.err()).isZero();
        assertThat(cached.out()).contains(server.url("/registry.json").toString());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** The one cached registry document under the home. */
    private Path onlyCopy() throws Exception {
        try (Stream<Path> files = Files.walk(cli.home().resolve("registry"))) {
            return files.filter(path -> path.getFileName().toString().equals("registry.json")).reduce((a, b) -> {
                throw new AssertionError("more than one cached registry: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
