package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0_TRACE_ENTITY;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The source keeps the proxy of the shared client it specialises (the composition root's reads HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY), with a MockWebServer as the proxy.
 */
class ProxyTest {
    @StartStop
    final MockWebServer proxy = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private static final GatewayEndpoint UNREACHABLE = GatewayEndpoint.parse("http://gateway.invalid:8080");

    @Test
    void requestsGoThroughTheSharedClientsProxy() throws Exception {
        proxy.enqueue(Responses.car(KINGMAN_V0_TRACE_ENTITY.carBytes()).build());
        harness.base(new OkHttpClient.Builder()
                .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getPort())))
                .build());
        try (GatewayContentSource source = harness.source(GatewayHarness.settings(List.of(UNREACHABLE)).build())) {
            assertThat(source.open(KINGMAN_V0.root(), TRACE)).isPresent();
        }
        RecordedRequest request = proxy.takeRequest();
        assertThat(request.getRequestLine()).startsWith("GET http://gateway.invalid:8080/ipfs/" + KINGMAN_V0.root());
    }
}
