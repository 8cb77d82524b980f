package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;
import org.phasic.traces.ports.out.GatewayProbe;

class HttpGatewayProbeTest {
    private static final Cid ROOT = KINGMAN_V0.root();

    @StartStop
    final MockWebServer server = new MockWebServer();

    private HttpGatewayProbe probe(Duration timeout) {
        GatewaySettings settings = GatewaySettings.defaults("1").toBuilder().urls(url()).retries(0).build();
        return new HttpGatewayProbe(settings, new OkHttpClient(), timeout);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Test
    void theRootBlockThatHashesToItsCidIsOkAndAskedForAsARawBlock() throws Exception {
        server.enqueue(Responses.raw(Fixtures.blocks().get(ROOT)).build());

        GatewayProbe.Result result = probe(Duration.ofSeconds(5)).block(url(), ROOT);

        assertThat(result.status()).as(result.detail()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).isEmpty();
        assertThat(result.data()).hasValueSatisfying(data -> assertThat(data).isEqualTo(Fixtures.blocks().get(ROOT)));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/ipfs/" + ROOT + "?format=raw");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.ipld.raw");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("phasic-traces/1");
    }

    @Test
    void bytesThatDoNotHashToTheCidAreBadBytesNotMissing() {
        server.enqueue(Responses.raw(Responses.flipped(Fixtures.blocks().get(ROOT), 10)).build());

        GatewayProbe.Result result = probe(Duration.ofSeconds(5)).block(url(), ROOT);

        assertThat(result.status()).isEqualTo(ProbeStatus.BAD_BYTES);
        assertThat(result.detail()).contains("do not hash to the CID");
        assertThat(result.data()).isEmpty();
    }

    @Test
    void notFoundIsMissingAndAServerErrorIsAnError() {
        server.enqueue(Responses.status(404).build());
        server.enqueue(Responses.status(502).build());
        HttpGatewayProbe probe = probe(Duration.ofSeconds(5));

        assertThat(probe.block(url(), ROOT).status()).isEqualTo(ProbeStatus.MISSING);
        GatewayProbe.Result failed = probe.block(url(), ROOT);
        assertThat(failed.status()).isEqualTo(ProbeStatus.ERROR);
        assertThat(failed.detail()).isEqualTo("HTTP 502");
    }

    @Test
    void aGatewaySlowerThanTheLimitIsATimeout() {
        server.enqueue(Responses.raw(Fixtures.blocks().get(ROOT)).headersDelay(3, TimeUnit.SECONDS).build());

        GatewayProbe.Result result = probe(Duration.ofMillis(300)).block(url(), ROOT);

        assertThat(result.status()).isEqualTo(ProbeStatus.TIMEOUT);
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void gatewayUrlsAreNormalisedAndMalformedOnesRefused() {
        HttpGatewayProbe probe = probe(Duration.ofSeconds(1));

        assertThat(probe.configuredGateways()).containsExactly(url());
        assertThat(probe.gateway(url() + "/")).isEqualTo(url());
        assertThatIllegalArgumentException().isThrownBy(() -> probe.gateway("ftp://x"));
    }
}
