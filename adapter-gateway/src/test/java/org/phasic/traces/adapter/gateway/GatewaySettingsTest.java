package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.unixfs.ImportProfile;

class GatewaySettingsTest {

    @Test
    void defaultsAreThePublicGatewaysAndKubosProfile() {
        GatewaySettings settings = GatewaySettings.defaults("1.2.3");

        assertThat(settings.gateways()).extracting(GatewayEndpoint::toString)
                .containsExactly("https://ipfs.io", "https://dweb.link", "https://trustless-gateway.link");
        assertThat(settings.userAgent()).isEqualTo("phasic-traces/1.2.3");
        assertThat(settings.hedgeDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.importProfile()).isEqualTo(ImportProfile.KUBO);
    }

    @Test
    void urlsAreReadFromACommaOrSpaceSeparatedList() {
        GatewaySettings settings = GatewaySettings.defaults("1").toBuilder()
                .urls(" https://a.example/, http://127.0.0.1:8080/prefix/  https://b.example")
                .build();

        assertThat(settings.gateways()).extracting(g -> g.url().toString())
                .containsExactly("https://a.example", "http://127.0.0.1:8080/prefix", "https://b.example");
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> GatewaySettings.parseUrls("ftp://x")).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> GatewaySettings.parseUrls("https://user:pw@x")).hasMessageContaining("credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> GatewaySettings.parseUrls("https://x/?a=1")).hasMessageContaining("no query");
        assertThatThrownBy(() -> GatewaySettings.parseUrls(" , ")).hasMessageContaining("no gateway URL");
    }

    @Test
    void badValuesAreRefused() {
        GatewaySettings.Builder builder = GatewaySettings.defaults("1").toBuilder();
        assertThatThrownBy(() -> builder.retries(-1).build()).hasMessageContaining("retries");
        assertThatThrownBy(() -> GatewaySettings.defaults("1").toBuilder().deadline(Duration.ZERO).build())
                .hasMessageContaining("deadline");
        assertThatThrownBy(() -> GatewaySettings.defaults("1").toBuilder().userAgent("x\ny").build())
                .hasMessageContaining("User-Agent");
    }

    @Test
    void headersStayOutOfMessagesAndAreChecked() {
        GatewayEndpoint endpoint = GatewayEndpoint.parse("https://private.example").withHeader("Authorization", "Bearer t0k3n");

        assertThat(endpoint.toString()).isEqualTo("https://private.example").doesNotContain("t0k3n");
        assertThat(endpoint.origin()).isEqualTo("https://private.example:443");
        assertThat(new GatewayEndpoint(URI.create("http://h:81"), endpoint.headers()).origin()).isEqualTo("http://h:81");
        assertThatThrownBy(() -> endpoint.withHeader("X-Bad", "a\r\nInjected: 1")).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> endpoint.withHeader("Bad Name", "v")).hasMessageContaining("invalid header name");
    }
}
