package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A gateway's token goes to that gateway only, never along a redirect to another host. */
class RedirectTest {
    private static final String TOKEN_HEADER = "X-Gateway-Token";

    @StartStop
    final MockWebServer gateway = new MockWebServer();
    @StartStop
    final MockWebServer elsewhere = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private GatewayContentSource source() {
        GatewayEndpoint withToken = GatewayHarness.endpoint(gateway).withHeader(TOKEN_HEADER, "s3cret");
        return harness.source(GatewayHarness.settings(List.of(withToken)).build());
    }

    @Test
    void aRedirectToAnotherHostCarriesNoTokenButStillVerifies() throws Exception {
        String target = "http://127.0.0.1:" + elsewhere.getPort() + "/ipfs/" + KINGMAN_V0.root() + "/" + TRACE
                + "?format=car&dag-scope=entity";
        gateway.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target).build());
        elsewhere.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThat(Extraction.file(KINGMAN_V0.root(), TRACE, source.open(KINGMAN_V0.root(), TRACE).orElseThrow()))
                    .isEqualTo(Fixtures.kingmanFile(TRACE));
        }
        RecordedRequest first = gateway.takeRequest();
        RecordedRequest redirected = elsewhere.takeRequest();
        assertThat(first.getUrl().host()).isEqualTo("localhost");
        assertThat(first.getHeaders().get(TOKEN_HEADER)).isEqualTo("s3cret");
        assertThat(redirected.getHeaders().get(TOKEN_HEADER)).isNull();
        assertThat(redirected.getHeaders().get("Authorization")).isNull();
        assertThat(redirected.getHeaders().get("User-Agent")).isEqualTo("phasic-traces/9.9-test");
    }

    @Test
    void aRedirectWithinTheGatewayKeepsTheToken() throws Exception {
        gateway.enqueue(new MockResponse.Builder().code(301)
                .setHeader("Location", "/ipfs/" + KINGMAN_V0.root() + "/" + TRACE + "?format=car&dag-scope=entity&x=1")
                .build());
        gateway.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        try (GatewayContentSource source = source()) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        gateway.takeRequest();
        assertThat(gateway.takeRequest().getHeaders().get(TOKEN_HEADER)).isEqualTo("s3cret");
    }
}
