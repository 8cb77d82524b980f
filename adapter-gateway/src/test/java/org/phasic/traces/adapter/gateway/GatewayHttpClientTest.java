package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class GatewayHttpClientTest {
    /** A proxy selector the test can recognise. */
    private static final class ProxySelectorForTest extends java.net.ProxySelector {
        static final ProxySelectorForTest NONE = new ProxySelectorForTest();

        @Override
        public java.util.List<java.net.Proxy> select(java.net.URI uri) {
            return java.util.List.of(java.net.Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(java.net.URI uri, java.net.SocketAddress address, java.io.IOException failure) {
        }
    }


    @Test
    void theClientSpecialisesTheSharedOneWithLimitsAndTimeouts() {
        GatewaySettings settings = GatewaySettings.defaults("1").toBuilder()
                .maxConnectionsPerHost(3)
                .connectTimeout(Duration.ofSeconds(4))
                .readTimeout(Duration.ofSeconds(7))
                .build();

        OkHttpClient base = new OkHttpClient.Builder().proxySelector(ProxySelectorForTest.NONE).build();
        OkHttpClient client = GatewayHttpClient.create(base, settings);

        assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(3);
        assertThat(client.connectTimeoutMillis()).isEqualTo(4000);
        assertThat(client.readTimeoutMillis()).isEqualTo(7000);
        assertThat(client.followRedirects()).isTrue();
        assertThat(client.followSslRedirects()).isFalse();
        assertThat(client.networkInterceptors()).hasAtLeastOneElementOfType(GatewayHeaders.class);
        assertThat(client.proxySelector()).as("the base client's proxies").isSameAs(ProxySelectorForTest.NONE);
        assertThat(client.connectionPool()).as("the base client's pool").isSameAs(base.connectionPool());
        assertThat(client.dispatcher()).as("a dispatcher of its own").isNotSameAs(base.dispatcher());
        client.dispatcher().executorService().shutdown();
    }

    @Test
    void byDefaultSixteenRequestsPerHostAreInFlightAndHttp2IsNegotiatedOverTls() {
        OkHttpClient base = new OkHttpClient.Builder().proxySelector(ProxySelectorForTest.NONE).build();
        OkHttpClient client = GatewayHttpClient.create(base, GatewaySettings.defaults("1"));

        assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(GatewaySettings.DEFAULT_REQUESTS_PER_HOST)
                .isEqualTo(16);
        assertThat(client.dispatcher().getMaxRequests()).isGreaterThanOrEqualTo(16 * GatewaySettings.DEFAULT_GATEWAYS.size());
        assertThat(client.protocols()).contains(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1)
                .doesNotContain(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE);
        client.dispatcher().executorService().shutdown();
    }
}
