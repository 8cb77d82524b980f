package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.METADATA;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * The js-ipfs gateway as a real third-party gateway that is not trustless: it ignores {@code format} and
 * {@code Accept} and serves only deserialized files, so content comes through the re-import fallback, verified.
 */
class JsIpfsGatewayTest {
    @RegisterExtension
    static final JsIpfsNode NODE = new JsIpfsNode();

    private final GatewayHarness harness = new GatewayHarness();

    private GatewayContentSource source(Duration deadline) {
        GatewayEndpoint gateway = GatewayEndpoint.parse(NODE.gatewayUrl());
        return harness.source(GatewayHarness.settings(List.of(gateway)).deadline(deadline).build());
    }

    private static Map<String, byte[]> kingmanFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of(TRACE, METADATA, "checksum.sha256")) {
            files.put(name, Fixtures.kingmanFile(name));
        }
        return files;
    }

    @Test
    void aTraceComesThroughTheDeserializedOnlyGatewayVerifiedByReimport() throws Exception {
        Cid root = NODE.addDirectory("kingman_n5_theta1", kingmanFiles(), 0);
        assertThat(root).isEqualTo(KINGMAN_V0.root());

        try (GatewayContentSource source = source(Duration.ofSeconds(30))) {
            BlockFeed trace = source.open(root, TRACE).orElseThrow();
            BlockFeed metadata = source.open(root, METADATA).orElseThrow();

            assertThat(trace).isInstanceOf(BlockFeed.Lookup.class);
            byte[] traceBytes = Extraction.file(root, TRACE, trace);
            assertThat(Sha256.hex(traceBytes)).isEqualTo(KINGMAN_V0.traceSha256());
            assertThat(Extraction.file(root, METADATA, metadata)).isEqualTo(Fixtures.kingmanFile(METADATA));
            assertThat(source.rankingRecord().mode(GatewayEndpoint.parse(NODE.gatewayUrl())))
                    .isEqualTo(Retrieval.Mode.DESERIALIZED);
        }
    }

    @Test
    void aCidV1DirectoryIsVerifiedWithTheMatchingPreset() throws Exception {
        Cid root = NODE.addDirectory("kingman_n5_theta1", kingmanFiles(), 1);
        assertThat(root.version()).isEqualTo(1);

        try (GatewayContentSource source = source(Duration.ofSeconds(30))) {
            byte[] trace = Extraction.file(root, TRACE, source.open(root, TRACE).orElseThrow());
            assertThat(trace).isEqualTo(Fixtures.kingmanFile(TRACE));
        }
    }

    @Test
    void contentTheNodeDoesNotHaveIsAnErrorAfterRetries() {
        Cid absent = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
        try (GatewayContentSource source = source(Duration.ofSeconds(20))) {
            assertThatThrownBy(() -> source.open(absent, TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("gave up after 2 retries");
        }
        assertThat(harness.sleeps).hasSize(2);
    }
}
