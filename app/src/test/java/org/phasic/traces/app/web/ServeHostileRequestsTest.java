package org.phasic.traces.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * Requests meant to get anything but store content out of {@code serve}, or to tie it up: traversal (plain and
 * percent-encoded), CIDs the store does not hold, a flood of random CIDs, oversized heads, a client that reads one byte a
 * second and one that sends its head one byte a second, while other clients are served promptly.
 */
class ServeHostileRequestsTest {
    @TempDir
    static Path tmp;
    private static ServedStore served;
    private static TraceEntry entry;
    private static byte[] secret;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void serve() throws IOException {
        Path home = tmp.resolve("home");
        served = ServedStore.start(home, tmp.resolve("user"));
        entry = ServedStore.bundledRegistry().traces().values().iterator().next();
        secret = "github.token: do-not-leak-this\n".getBytes(StandardCharsets.UTF_8);
        Files.write(home.resolve("config.yaml.secret-test"), secret);
    }

    @AfterAll
    static void stop() throws Exception {
        served.close();
    }

    @Test
    void traversalInAnyEncodingNeverLeavesTheStore() throws Exception {
        List<String> paths = List.of(
                "/ipfs/" + entry.cid() + "/../../config.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/%2e%2e/%2e%2e/config.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/%2E%2E%2F%2E%2E%2Fconfig.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/..%2F..%2Fconfig.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/%252e%252e/config.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/./trace.json.gz",
                "/ipfs/" + entry.cid() + "//trace.json.gz",
                "/ipfs/" + entry.cid() + "/trace.json.gz%00",
                "/ipfs/../store/refs",
                "/ipfs/%2e%2e/store/refs",
                "/ipfs/" + entry.cid() + "/%C0%AE%C0%AE/config.yaml.secret-test",
                "/ipfs/" + entry.cid() + "/..\\..\\config.yaml.secret-test",
                "/store/refs/" + entry.id() + ".json",
                "/config.yaml.secret-test");
        for (String path : paths) {
            RawResponse response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isIn(400, 404);
            assertThat(response.text()).as(path).doesNotContain("do-not-leak-this").doesNotContain("\"root\"");
        }
    }

    @Test
    void cidsOfContentOutsideTheStoreAre404() throws Exception {
        for (String content : List.of("", "a file somewhere else", "{\"github.token\":\"x\"}")) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            for (Cid cid : List.of(Cid.compute(1, Multicodec.RAW, bytes), Cid.compute(0, Multicodec.DAG_PB, bytes))) {
                for (String query : List.of("", "?format=raw", "?format=car")) {
                    assertThat(status("/ipfs/" + cid + query)).as(cid + query).isEqualTo(404);
                }
            }
        }
    }

    @Test
    void tenThousandRandomCidsAreAll404AndTheServerStillAnswers() throws Exception {
        Random random = new Random(15);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                Cid cid = Cid.compute(i % 2, i % 2 == 0 ? Multicodec.DAG_PB : Multicodec.RAW, bytes);
                String query = i % 3 == 0 ? "?format=raw" : i % 3 == 1 ? "?format=car" : "";
                statuses.add(clients.submit(() -> status("/ipfs/" + cid + query)));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(404);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(status("/ipfs/" + entry.cid() + "?format=raw")).isEqualTo(200);
    }

    @Test
    void anOversizedRequestHeadIsRefusedWith431() throws Exception {
        String big = "x".repeat(20_000);
        RawResponse response = raw("GET /ipfs/" + entry.cid() + "?format=raw HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(431);
        assertThat(status("/ipfs/" + entry.cid() + "?format=raw")).isEqualTo(200);
    }

    @Test
    void slowClientsDoNotHoldUpOthers() throws Exception {
        URI address = served.address();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket reader = new Socket(address.getHost(), address.getPort());
                reader.getOutputStream().write(("GET /ipfs/" + entry.cid() + "?format=car HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                reader.getOutputStream().flush();
                slow.add(reader);
                Socket sender = new Socket(address.getHost(), address.getPort());
                sender.getOutputStream().write("GET /ipfs/".getBytes(StandardCharsets.US_ASCII));
                slow.add(sender);
            }
            long start = System.nanoTime();
            for (int second = 0; second < 3; second++) {
                for (Socket socket : slow) {
                    if (socket.getInputStream().available() > 0) {
                        assertThat(socket.getInputStream().read()).isNotNegative();
                    } else {
                        socket.getOutputStream().write('Q');
                    }
                }
                for (int i = 0; i < 10; i++) {
                    long before = System.nanoTime();
                    assertThat(status("/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE)).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
                }
                Thread.sleep(Math.max(0, (second + 1) * 1000L - Duration.ofNanos(System.nanoTime() - start).toMillis()));
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private record RawResponse(int status, String text) {
    }

    /** One request written as given on a fresh connection, so nothing normalises the path on the way. */
    private static RawResponse raw(String request) throws IOException {
        URI address = served.address();
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(body);
            } catch (IOException reset) {
                // the server may close a refused connection without reading the rest of the request
            }
            String text = body.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as("response to %s", request.lines().findFirst().orElse("")).startsWith("HTTP/1.1 ");
            return new RawResponse(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(served.uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
