package org.phasic.traces.adapter.ipfs.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The Pinning Service API client against MockWebServer answering as the published OpenAPI spec describes. */
class PinningServiceClientTest {

    private static final String CID = "bafybeidmaewrx3p5uhe5a5nyzlwrzrxqkf7tpbknxqvoofnsvi6ruzkage";
    private static final String SECRET = "sk-test-0123456789abcdef";
    private static final Duration POLL = Duration.ofMillis(10);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private PinningServiceClient client() {
        URI endpoint = URI.create(server.url("/psa").toString());
        return new PinningServiceClient(new OkHttpClient(), "test-service", endpoint, PinningToken.of(SECRET),
                Duration.ofSeconds(5));
    }

    private static MockResponse status(int code, String requestId, String state) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body("""
                {"requestid":"%s","status":"%s","created":"2026-11-25T06:00:00Z",
                 "pin":{"cid":"%s","name":"trace","origins":[],"meta":{"app":"phasic"}},
                 "delegates":["/ip4/203.0.113.1/tcp/4001/p2p/12D3KooWdelegate"],"info":{"status_details":"%s"}}
                """.formatted(requestId, state, CID, state + " details")).build();
    }

    private RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void addPostsThePinWithBearerTokenAndParsesTheQueuedStatus() throws Exception {
        server.enqueue(status(202, "req-1", "queued"));

        PinStatus status = client().add(new Pin(CID, Optional.of("trace"),
                List.of("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWorigin"), Map.of("app", "phasic")));

        assertThat(status.requestId()).isEqualTo("req-1");
        assertThat(status.status()).isEqualTo(PinState.QUEUED);
        assertThat(status.pin().cid()).isEqualTo(CID);
        assertThat(status.pin().meta()).containsEntry("app", "phasic");
        assertThat(status.delegates()).hasSize(1);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/psa/pins");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.get("cid").asText()).isEqualTo(CID);
        assertThat(body.get("name").asText()).isEqualTo("trace");
        assertThat(body.get("origins").get(0).asText()).isEqualTo("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWorigin");
        assertThat(body.get("meta").get("app").asText()).isEqualTo("phasic");
    }

    @Test
    void pinAndWaitFollowsQueuedPinningPinned() throws Exception {
        server.enqueue(status(202, "req-2", "queued"));
        server.enqueue(status(200, "req-2", "queued"));
        server.enqueue(status(200, "req-2", "pinning"));
        server.enqueue(status(200, "req-2", "pinned"));

        PinStatus pinned = client().pinAndWait(Pin.of(CID, "trace"), Duration.ofSeconds(10), POLL);

        assertThat(pinned.status()).isEqualTo(PinState.PINNED);
        assertThat(take().getMethod()).isEqualTo("POST");
        for (int i = 0; i < 3; i++) {
            RecordedRequest poll = take();
            assertThat(poll.getMethod()).isEqualTo("GET");
            assertThat(poll.getUrl().encodedPath()).isEqualTo("/psa/pins/req-2");
            assertThat(poll.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void failedPinEndsTheWaitWithTheServiceInfo() {
        server.enqueue(status(200, "req-3", "pinning"));
        server.enqueue(status(200, "req-3", "failed"));

        assertThatThrownBy(() -> client().awaitPinned("req-3", Duration.ofSeconds(10), POLL))
                .isInstanceOf(PinningServiceException.class)
                .hasMessageContaining("pinning service 'test-service'")
                .hasMessageContaining("pinning " + CID + " failed (request req-3)")
                .hasMessageContaining("failed details");
    }

    @Test
    void unauthorizedNamesStatusAndReasonButNeverTheToken() {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"reason\":\"UNAUTHORIZED\",\"details\":\"Access token is missing or invalid\"}}")
                .build());
        PinningServiceClient client = client();

        assertThatThrownBy(() -> client.add(Pin.of(CID, "trace")))
                .isInstanceOfSatisfying(PinningServiceException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                })
                .hasMessageContaining("call 'add' failed with HTTP 401: UNAUTHORIZED (Access token is missing or invalid)")
                .hasMessageContaining("check the access token");
        assertThat(client.toString()).contains("test-service").doesNotContain(SECRET);
        assertThat(PinningToken.of(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void waitingGivesUpAtTheDeadline() {
        for (int i = 0; i < 200; i++) {
            server.enqueue(status(200, "req-4", "pinning"));
        }

        assertThatThrownBy(() -> client().awaitPinned("req-4", Duration.ofMillis(300), Duration.ofMillis(20)))
                .isInstanceOf(PinningServiceException.class)
                .hasMessageContaining(CID + " is still pinning after 0 s (request req-4)");
        assertThat(server.getRequestCount()).isBetween(2, 40);
    }

    @Test
    void listFiltersByCidAndStatusAndParsesResults() throws Exception {
        server.enqueue(new MockResponse.Builder().body("""
                {"count":1,"results":[{"requestid":"req-5","status":"pinned","created":"2026-11-25T06:00:00Z",
                  "pin":{"cid":"%s"},"delegates":[]}]}
                """.formatted(CID)).build());

        PinResults results = client().list(new PinQuery(List.of(CID),
                java.util.EnumSet.of(PinState.PINNED, PinState.QUEUED), 50));

        assertThat(results.count()).isEqualTo(1);
        assertThat(results.results()).singleElement().satisfies(s -> {
            assertThat(s.requestId()).isEqualTo("req-5");
            assertThat(s.pin().name()).isEmpty();
            assertThat(s.info()).isEmpty();
        });
        RecordedRequest request = take();
        assertThat(request.getUrl().queryParameter("cid")).isEqualTo(CID);
        assertThat(request.getUrl().queryParameter("status")).isEqualTo("queued,pinned");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("50");
    }

    @Test
    void removeDeletesByRequestId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(202).build());

        client().remove("req/6");

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/psa/pins/req%2F6");
    }

    @Test
    void notFoundAndMalformedAnswersAreClearErrors() {
        server.enqueue(new MockResponse.Builder().code(404)
                .body("{\"error\":{\"reason\":\"NOT_FOUND\",\"details\":\"no such request\"}}").build());
        server.enqueue(new MockResponse.Builder().body("{\"requestid\":\"r\",\"status\":\"done\",\"pin\":{\"cid\":\""
                + CID + "\"}}").build());
        server.enqueue(new MockResponse.Builder().body("{\"status\":\"pinned\",\"pin\":{\"cid\":\"" + CID + "\"}}").build());
        PinningServiceClient client = client();

        assertThatThrownBy(() -> client.get("gone")).isInstanceOf(PinningServiceException.class)
                .hasMessageContaining("HTTP 404: NOT_FOUND (no such request)");
        assertThatThrownBy(() -> client.get("r")).isInstanceOf(PinningServiceException.class)
                .hasMessageContaining("invalid answer: unknown pin status 'done'");
        assertThatThrownBy(() -> client.get("r")).isInstanceOf(PinningServiceException.class)
                .hasMessageContaining("invalid answer: missing text field 'requestid'");
    }

    @Test
    void tokenWithHeaderBreakingCharactersIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PinningToken.of("abc\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("X-Evil");
        assertThatThrownBy(() -> PinningToken.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
