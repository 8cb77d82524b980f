package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload.Fetched;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload.NotModified;

class HttpRegistrySourceTest {
    private static final HttpSettings FAST = HttpSettings.DEFAULTS.withConnectTimeout(Duration.ofMillis(300))
            .withReadTimeout(Duration.ofMillis(500));

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final OkHttpClient client = new OkHttpClient();

    private HttpRegistrySource source(HttpSettings settings) {
        return HttpRegistrySource.forUrl(server.url("/registry.json").toString(), client, settings);
    }

    @Test
    void fetchesTheDocumentAndItsEtagThenAsksConditionally() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "W/\"abc123\"").body("{\"traces\": {}}").build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        HttpRegistrySource source = source(FAST);

        RegistryDownload first = source.fetch(Optional.empty());
        RegistryDownload second = source.fetch(((Fetched) first).etag());

        assertThat(first).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(new String(fetched.bytes())).isEqualTo("{\"traces\": {}}");
            assertThat(fetched.etag()).contains("W/\"abc123\"");
        });
        assertThat(second).isInstanceOf(NotModified.class);
        RecordedRequest unconditional = server.takeRequest();
        assertThat(unconditional.getMethod()).isEqualTo("GET");
        assertThat(unconditional.getUrl().encodedPath()).isEqualTo("/registry.json");
        assertThat(unconditional.getHeaders().get("If-None-Match")).isNull();
        assertThat(unconditional.getHeaders().get("User-Agent")).isEqualTo("phasic-traces");
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("W/\"abc123\"");
    }

    @Test
    void documentWithoutEtagHasNone() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        assertThat(source(FAST).fetch(Optional.empty())).isInstanceOfSatisfying(Fetched.class,
                fetched -> assertThat(fetched.etag()).isEmpty());
    }

    @Test
    void notFoundNamesStatusUrlAndHint() {
        server.enqueue(new MockResponse.Builder().code(404).body("404: Not Found").build());

        assertThatThrownBy(() -> source(FAST).fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessage("cannot fetch the registry from " + server.url("/registry.json")
                        + ": HTTP 404 Client Error. Hint: check the registry URL (registry.url)");
    }

    @Test
    void serverErrorNamesStatusAndSuggestsRetrying() {
        server.enqueue(new MockResponse.Builder().code(500).body("boom").build());

        assertThatThrownBy(() -> source(FAST).fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining(server.url("/registry.json").toString())
                .hasMessageContaining("Hint: the server failed; try again later");
    }

    @Test
    void unexpectedNotModifiedWithoutEtagIsAnError() {
        server.enqueue(new MockResponse.Builder().code(304).build());

        assertThatThrownBy(() -> source(FAST).fetch(Optional.empty())).hasMessageContaining("HTTP 304");
    }

    @Test
    void oversizedBodyIsRefusedByContentLength() {
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(5000)).build());

        assertThatThrownBy(() -> source(FAST.withMaxBodyBytes(1000)).fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessage("the registry at " + server.url("/registry.json") + " is too large: 5000 bytes, the limit is 1000 bytes."
                        + " Hint: check the location points at registry.json, or raise registry.maxBytes");
    }

    @Test
    void oversizedChunkedBodyIsRefusedWhileReading() {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().writeUtf8("y".repeat(5000)), 512).build());

        assertThatThrownBy(() -> source(FAST.withMaxBodyBytes(1000)).fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessageContaining("is too large: more than 1000 bytes");
    }

    @Test
    void aStreamedDownloadWritesTheBodyAsItArrivesAndStopsAtTheLimit() throws Exception {
        String document = "{\"traces\": {}}" + " ".repeat(3000);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"v2\"").chunkedBody(new Buffer().writeUtf8(document), 256).build());
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().writeUtf8("y".repeat(5000)), 256).build());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream refused = new ByteArrayOutputStream();

        RegistryDownload streamed = source(FAST).fetch(Optional.empty(), body);

        assertThat(streamed).isEqualTo(new RegistryDownload.Streamed(Optional.of("\"v2\"")));
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo(document);
        assertThatThrownBy(() -> source(FAST.withMaxBodyBytes(1000)).fetch(Optional.empty(), refused)).isInstanceOf(IOException.class)
                .hasMessageContaining("is too large: more than 1000 bytes").hasMessageContaining("registry.maxBytes");
        assertThat(refused.size()).as("never more than the limit is written").isLessThanOrEqualTo(1000);
    }

    @Test
    void closedPortIsRefusedQuicklyWithAClearMessage() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        HttpRegistrySource source = HttpRegistrySource.forUrl("http://127.0.0.1:" + port + "/registry.json", client, FAST);

        assertThatThrownBy(() -> source.fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessage("cannot fetch the registry from http://127.0.0.1:" + port + "/registry.json: connection refused by 127.0.0.1:"
                        + port + ". Hint: check the network connection and the URL");
    }

    @Test
    void connectTimeoutOnASaturatedLocalPortNamesTheTimeout() throws Exception {
        try (ServerSocket backlogOfOne = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                assumeTrue(saturate(backlogOfOne.getLocalPort(), queued),
                        "this OS accepts connections beyond the listen backlog; no local connect timeout can be provoked");
                HttpRegistrySource source = HttpRegistrySource.forUrl(
                        "http://127.0.0.1:" + backlogOfOne.getLocalPort() + "/registry.json", client, FAST);

                assertThatThrownBy(() -> source.fetch(Optional.empty())).isInstanceOf(IOException.class)
                        .hasMessageEndingWith("no connection within 300ms (connect timeout). Hint: check the network connection, or work offline")
                        .hasCauseInstanceOf(SocketTimeoutException.class);
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /** Fills the listen queue of a server that never accepts, until a further connection attempt times out. */
    private static boolean saturate(int port, List<Socket> queued) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                queued.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return true;
            }
        }
        return false;
    }

    @Test
    void stalledAnswerHitsTheReadTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());

        assertThatThrownBy(() -> source(FAST).fetch(Optional.empty())).isInstanceOf(IOException.class)
                .hasMessageEndingWith("no answer within 500ms (read timeout). Hint: try again later");
    }

    @Test
    void gitHubSourceUsesTheRawUrl() {
        HttpRegistrySource source = HttpRegistrySource.forGitHub("munch-group/phasic-traces", "master", client, FAST);

        assertThat(source.location()).isEqualTo("https://raw.githubusercontent.com/munch-group/phasic-traces/master/registry.json");
        assertThat(HttpRegistrySource.rawGitHubUrl("o/r", "feature/x-1.2"))
                .isEqualTo("https://raw.githubusercontent.com/o/r/feature/x-1.2/registry.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"munch-group/phasic-traces:master", "Own-er9/Re.po_1:feature/x-1.2", "a/b:release/2026.12_rc-1"})
    void theGitHubLocationIsKnownWithoutParsingAndIsTheUrlOkHttpWouldUse(String repoAndBranch) {
        String[] parts = repoAndBranch.split(":");
        HttpRegistrySource source = HttpRegistrySource.forGitHub(parts[0], parts[1], client, FAST);

        assertThat(source.location()).isEqualTo(okhttp3.HttpUrl.get(source.location()).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"munch-group", "a/b/c", "/b", "a/", "-a/b", "a/..", "a b/c", "a/b?x=1", "a/b#f", "../etc"})
    void invalidRepositoriesAreRefused(String repo) {
        assertThatThrownBy(() -> HttpRegistrySource.forGitHub(repo, "master", client, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected owner/name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "-x", "/x", "x/", "x.lock", "a b", "a?b", "a%2e", "a//b", ".hidden", "x."})
    void invalidBranchesAreRefused(String branch) {
        assertThatThrownBy(() -> HttpRegistrySource.forGitHub("o/r", branch, client, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid branch name");
    }

    @Test
    void plainHttpOnlyToTheLoopbackHost() {
        assertThatThrownBy(() -> HttpRegistrySource.forUrl("http://example.org/registry.json", client, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uses plain http; use https");
        assertThat(HttpRegistrySource.forUrl("http://localhost:8080/r.json", client, FAST).location()).isEqualTo("http://localhost:8080/r.json");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> HttpRegistrySource.forUrl("https://user:s3cret@example.org/registry.json", client, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain credentials")
                .hasMessageNotContaining("s3cret");
    }
}
