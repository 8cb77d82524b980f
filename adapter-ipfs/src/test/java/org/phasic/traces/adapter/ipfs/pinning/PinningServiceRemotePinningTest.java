package org.phasic.traces.adapter.ipfs.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;

class PinningServiceRemotePinningTest {
    private static final String CID = "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ";
    private static final String SECRET = "sk-remote-pin-0123456789";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private PinningServiceRemotePinning pinning() {
        PinningServiceClient client = new PinningServiceClient(new OkHttpClient(), "psa-test", URI.create(server.url("/psa").toString()),
                PinningToken.of(SECRET), Duration.ofSeconds(5));
        return new PinningServiceRemotePinning(client, "psa-test");
    }

    @Test
    void requestsAPinByCidAndNameAndReportsTheStatus() throws Exception {
        server.enqueue(new MockResponse.Builder().code(202).addHeader("Content-Type", "application/json").body("""
                {"requestid":"r1","status":"queued","created":"2026-11-25T06:00:00Z","pin":{"cid":"%s","name":"kingman_n5_copy"},
                 "delegates":[]}
                """.formatted(CID)).build());

        String status = pinning().pin(Cid.parse(CID), "kingman_n5_copy");

        assertThat(status).isEqualTo("queued");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getRequestLine()).isEqualTo("POST /psa/pins HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.get("cid").asText()).isEqualTo(CID);
        assertThat(body.get("name").asText()).isEqualTo("kingman_n5_copy");
        assertThat(pinning().name()).isEqualTo("psa-test");
    }

    @Test
    void aRefusalIsAnErrorWithoutTheToken() {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"reason\":\"UNAUTHORIZED\",\"details\":\"bad token\"}}").build());

        assertThatThrownBy(() -> pinning().pin(Cid.parse(CID), "x")).isInstanceOf(PinningServiceException.class)
                .hasMessageContaining("401").satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void theStatusIsThatOfTheNewestRequestForTheCidAndEmptyWithoutOne() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"count":2,"results":[
                 {"requestid":"r1","status":"failed","created":"2026-11-25T06:00:00Z","pin":{"cid":"%1$s"},"delegates":[]},
                 {"requestid":"r2","status":"pinned","created":"2026-11-26T06:00:00Z","pin":{"cid":"%1$s"},"delegates":[]}]}
                """.formatted(CID)).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"count\":0,\"results\":[]}").build());

        assertThat(pinning().status(Cid.parse(CID))).contains("pinned");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/psa/pins");
        assertThat(request.getUrl().queryParameter("cid")).isEqualTo(CID);
        assertThat(request.getUrl().queryParameter("status")).isEqualTo("queued,pinning,pinned,failed");
        assertThat(pinning().status(Cid.parse(CID))).isEmpty();
    }
}
