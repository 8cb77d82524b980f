package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class GatewayHttpClientTest {

    @Test
    void theClientBoundsRequestsPerHostAndUsesTheTimeouts() {
        GatewaySettings settings = GatewaySettings.defaults("1").toBuilder()
                .maxConnectionsPerHost(3)
                .connectTimeout(Duration.ofSeconds(4))
                .readTimeout(Duration.ofSeconds(7))
                .build();

        OkHttpClient client = GatewayHttpClient.create(settings, Map.of());

        assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(3);
        assertThat(client.connectTimeoutMillis()).isEqualTo(4000);
        assertThat(client.readTimeoutMillis()).isEqualTo(7000);
        assertThat(client.followRedirects()).isTrue();
        assertThat(client.followSslRedirects()).isFalse();
        assertThat(client.networkInterceptors()).hasAtLeastOneElementOfType(GatewayHeaders.class);
        client.dispatcher().executorService().shutdown();
    }
}
