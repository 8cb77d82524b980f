package org.phasic.traces.app.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.gateway.GatewaySettings;

/** Gateways that are all plain HTTP get a client that never sets up TLS (nor loads the JDK's trust store). */
class CleartextGatewayClientTest {
    @Test
    void onlyGatewaySetsWithoutHttpsAreServedByTheCleartextClient() {
        assertThat(GatewayProfile.plainHttpOnly(gateways("http://127.0.0.1:8080,http://mirror.lab:8080"))).isTrue();
        assertThat(GatewayProfile.plainHttpOnly(gateways("http://127.0.0.1:8080,https://gateway.example"))).isFalse();
        assertThat(GatewayProfile.plainHttpOnly(gateways("https://gateway.example"))).isFalse();
    }

    @Test
    void theCleartextClientHasNoTlsAndTheBaseOneHas() {
        OkHttpClient cleartext = HttpClients.cleartext(Map.of(), "phasic-traces/test");
        OkHttpClient base = HttpClients.base(Map.of(), "phasic-traces/test");

        assertThat(cleartext.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThatThrownBy(cleartext::sslSocketFactory).isInstanceOf(IllegalStateException.class);
        assertThat(base.connectionSpecs()).anyMatch(ConnectionSpec::isTls);
        assertThat(base.sslSocketFactory()).isNotNull();
        assertThat(cleartext.proxySelector()).isInstanceOf(EnvironmentProxySelector.class);
    }

    private static GatewaySettings gateways(String urls) {
        return GatewaySettings.defaults("0").toBuilder().urls(urls).build();
    }
}
