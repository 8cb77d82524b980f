package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;

/** HTTP_PROXY / NO_PROXY from the (injected) environment, with a MockWebServer as the proxy. */
class ProxyTest {
    @StartStop
    final MockWebServer proxy = new MockWebServer();
    @StartStop
    final MockWebServer gateway = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private static final GatewayEndpoint UNREACHABLE = GatewayEndpoint.parse("http://gateway.invalid:8080");

    @Test
    void requestsGoThroughTheProxyNamedByHttpProxy() throws Exception {
        proxy.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        harness.environment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort()));
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(List.of(UNREACHABLE)).build())) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        RecordedRequest request = proxy.takeRequest();
        assertThat(request.getRequestLine()).startsWith("GET http://gateway.invalid:8080/ipfs/" + KINGMAN_V0.root());
    }

    @Test
    void theProxyCredentialsAnswerA407() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
        proxy.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        harness.environment(Map.of("http_proxy", "http://alice:pa%24s@127.0.0.1:" + proxy.getPort()));
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(List.of(UNREACHABLE)).build())) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization"))
                .isEqualTo(Credentials.basic("alice", "pa$s"));
    }

    @Test
    void hostsInNoProxyAreReachedDirectly() throws Exception {
        gateway.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        harness.environment(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort(), "NO_PROXY", "example.org,localhost"));
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(gateway).build())) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(proxy.getRequestCount()).isZero();
    }
}
