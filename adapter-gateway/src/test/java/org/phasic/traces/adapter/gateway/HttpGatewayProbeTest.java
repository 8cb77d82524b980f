package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.GatewayProbe;

class HttpGatewayProbeTest {
    private static final Cid ROOT = KINGMAN_V0.root();

    @StartStop
    final MockWebServer server = new MockWebServer();

    private HttpGatewayProbe probe;

    private HttpGatewayProbe probe(Duration timeout) {
        GatewaySettings settings = GatewaySettings.defaults("1").toBuilder().urls(url()).retries(0).build();
        probe = new HttpGatewayProbe(settings, new OkHttpClient(), timeout, Notices.silent());
        return probe;
    }

    @AfterEach
    void close() {
        if (probe != null) {
            probe.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Test
    void theRootBlockThatHashesToItsCidIsOkAndAskedForAsARawBlock() throws Exception {
        server.enqueue(Responses.raw(Fixtures.blocks().get(ROOT)).build());

        GatewayProbe.Result result = probe(Duration.ofSeconds(5)).rootBlock(url(), ROOT);

        assertThat(result.status()).as(result.detail()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).isEmpty();
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/ipfs/" + ROOT + "?format=raw");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.ipld.raw");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("phasic-traces/1");
    }

    @Test
    void bytesThatDoNotHashToTheCidAreBadBytesNotMissing() {
        server.enqueue(Responses.raw(Responses.flipped(Fixtures.blocks().get(ROOT), 10)).build());

        GatewayProbe.Result result = probe(Duration.ofSeconds(5)).rootBlock(url(), ROOT);

        assertThat(result.status()).isEqualTo(ProbeStatus.BAD_BYTES);
        assertThat(result.detail()).contains("do not hash to the CID");
    }

    @Test
    void notFoundIsMissingAndAServerErrorIsAnError() {
        server.enqueue(Responses.status(404).build());
        server.enqueue(Responses.status(502).build());
        HttpGatewayProbe probe = probe(Duration.ofSeconds(5));

        assertThat(probe.rootBlock(url(), ROOT).status()).isEqualTo(ProbeStatus.MISSING);
        GatewayProbe.Result failed = probe.rootBlock(url(), ROOT);
        assertThat(failed.status()).isEqualTo(ProbeStatus.ERROR);
        assertThat(failed.detail()).isEqualTo("HTTP 502");
    }

    @Test
    void aGatewaySlowerThanTheLimitIsATimeout() {
        server.enqueue(Responses.raw(Fixtures.blocks().get(ROOT)).headersDelay(3, TimeUnit.SECONDS).build());

        GatewayProbe.Result result = probe(Duration.ofMillis(300)).rootBlock(url(), ROOT);

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

    @Test
    void theSourceOfOneGatewayFetchesAVerifiedFile() throws Exception {
        server.setDispatcher(new FakeGateway(List.of(FakeGateway.rawBlocks(Fixtures.blocks()),
                request -> Optional.of(Responses.car(KINGMAN_V0.carBytes()).build()))));

        byte[] bytes = Extraction.file(ROOT, TRACE, probe(Duration.ofSeconds(5)).source(url()).open(ROOT, TRACE).orElseThrow());

        assertThat(Sha256.hex(bytes)).isEqualTo(KINGMAN_V0.traceSha256());
    }
}
