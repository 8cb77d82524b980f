package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V0;
import static org.phasic.traces.adapter.gateway.Fixtures.KINGMAN_V1;
import static org.phasic.traces.adapter.gateway.Fixtures.METADATA;
import static org.phasic.traces.adapter.gateway.Fixtures.TRACE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.BlockFeed;

/** Gateways that do not answer trustless requests: raw blocks first, then re-imported files, always verified. */
class FallbackTest {
    private static final String CHECKSUM = "checksum.sha256";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final GatewayHarness harness = new GatewayHarness();

    private GatewayContentSource source() {
        return harness.source(GatewayHarness.settings(server).build());
    }

    /** A gateway that answers CAR requests with the deserialized file but honours format=raw. */
    private FakeGateway ignoresCarRequests(Map<Cid, byte[]> blocks) {
        return new FakeGateway(List.of(FakeGateway.rawBlocks(blocks),
                FakeGateway.file(KINGMAN_V0.root(), TRACE, "application/octet-stream", Fixtures.kingmanFile(TRACE)),
                FakeGateway.file(KINGMAN_V0.root(), METADATA, "application/json", Fixtures.kingmanFile(METADATA))));
    }

    /** Like the js-ipfs gateway: deserialized files and an HTML listing, whatever is asked for. */
    private static FakeGateway deserializedOnly(Cid root, String listing, byte[] metadata) {
        return new FakeGateway(List.of(FakeGateway.listing(root, listing),
                FakeGateway.file(root, TRACE, "application/gzip", Fixtures.kingmanFile(TRACE)),
                FakeGateway.file(root, METADATA, "application/json", metadata),
                FakeGateway.file(root, CHECKSUM, "text/plain", Fixtures.kingmanFile(CHECKSUM))));
    }

    @Test
    void aGatewayIgnoringTheCarRequestIsReadBlockByBlock() throws Exception {
        FakeGateway gateway = ignoresCarRequests(Fixtures.blocks());
        server.setDispatcher(gateway);
        try (GatewayContentSource source = source()) {
            BlockFeed trace = source.open(KINGMAN_V0.root(), TRACE).orElseThrow();
            assertThat(trace).isInstanceOf(BlockFeed.Lookup.class);
            assertThat(Extraction.file(KINGMAN_V0.root(), TRACE, trace)).isEqualTo(Fixtures.kingmanFile(TRACE));

            BlockFeed metadata = source.open(KINGMAN_V0.root(), METADATA).orElseThrow();
            assertThat(Extraction.file(KINGMAN_V0.root(), METADATA, metadata)).isEqualTo(Fixtures.kingmanFile(METADATA));
        }
        assertThat(gateway.requests).containsExactly(
                "car /ipfs/" + KINGMAN_V0.root() + "/" + TRACE,
                "raw /ipfs/" + KINGMAN_V0.root(),
                "raw /ipfs/" + KINGMAN_V0.trace(),
                "raw /ipfs/" + KINGMAN_V0.root(),
                "raw /ipfs/" + KINGMAN_V0.metadata());
        RecordedRequest car = server.takeRequest();
        RecordedRequest raw = server.takeRequest();
        assertThat(car.getHeaders().get("Accept")).startsWith("application/vnd.ipld.car");
        assertThat(raw.getHeaders().get("Accept")).isEqualTo("application/vnd.ipld.raw");
    }

    @Test
    void aRawBlockThatDoesNotHashToItsCidDropsTheGateway() throws Exception {
        Map<Cid, byte[]> blocks = Fixtures.blocks();
        blocks.put(KINGMAN_V0.trace(), Responses.flipped(blocks.get(KINGMAN_V0.trace()), 20));
        server.setDispatcher(ignoresCarRequests(blocks));
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("block hash mismatch")
                    .hasMessageContaining(KINGMAN_V0.trace().toString());
            assertThat(source.ranking()).isEmpty();
        }
    }

    @Test
    void aDeserializedOnlyGatewayIsAcceptedWhenItsFilesReimportToTheRoot() throws Exception {
        FakeGateway gateway = deserializedOnly(KINGMAN_V0.root(), Fixtures.listingHtml(), Fixtures.kingmanFile(METADATA));
        server.setDispatcher(gateway);
        try (GatewayContentSource source = source()) {
            BlockFeed trace = source.open(KINGMAN_V0.root(), TRACE).orElseThrow();
            assertThat(Extraction.file(KINGMAN_V0.root(), TRACE, trace)).isEqualTo(Fixtures.kingmanFile(TRACE));
            int requests = gateway.requests.size();

            BlockFeed metadata = source.open(KINGMAN_V0.root(), METADATA).orElseThrow();
            assertThat(Extraction.file(KINGMAN_V0.root(), METADATA, metadata)).isEqualTo(Fixtures.kingmanFile(METADATA));
            assertThat(source.open(KINGMAN_V0.root(), "code.py")).isEmpty();
            assertThat(gateway.requests).hasSize(requests);
        }
        assertThat(gateway.requests).contains(
                "- /ipfs/" + KINGMAN_V0.root() + "/",
                "- /ipfs/" + KINGMAN_V0.root() + "/" + CHECKSUM,
                "- /ipfs/" + KINGMAN_V0.root() + "/" + METADATA,
                "- /ipfs/" + KINGMAN_V0.root() + "/" + TRACE);
    }

    @Test
    void aDeserializedOnlyGatewayServingOneAlteredFileIsRefused() throws Exception {
        byte[] altered = new String(Fixtures.kingmanFile(METADATA), StandardCharsets.UTF_8)
                .replace("MIT", "GPL").getBytes(StandardCharsets.UTF_8);
        server.setDispatcher(deserializedOnly(KINGMAN_V0.root(), Fixtures.listingHtml(), altered));
        try (GatewayContentSource source = source()) {
            assertThatThrownBy(() -> source.open(KINGMAN_V0.root(), TRACE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not to " + KINGMAN_V0.root())
                    .hasMessageContaining("cannot be verified");
        }
    }

    @Test
    void aCidV1RootIsReimportedWithTheMatchingPreset() throws Exception {
        String listing = "<ul>" + link(KINGMAN_V1.root(), CHECKSUM) + link(KINGMAN_V1.root(), METADATA)
                + link(KINGMAN_V1.root(), TRACE) + "</ul>";
        server.setDispatcher(deserializedOnly(KINGMAN_V1.root(), listing, Fixtures.kingmanFile(METADATA)));
        try (GatewayContentSource source = source()) {
            BlockFeed trace = source.open(KINGMAN_V1.root(), TRACE).orElseThrow();
            assertThat(Extraction.file(KINGMAN_V1.root(), TRACE, trace)).isEqualTo(Fixtures.kingmanFile(TRACE));
        }
    }

    @Test
    void aDeserializedOnlyGatewayWithoutTheEntryReportsAbsence() throws Exception {
        server.setDispatcher(deserializedOnly(KINGMAN_V0.root(), Fixtures.listingHtml(), Fixtures.kingmanFile(METADATA)));
        try (GatewayContentSource source = source()) {
            assertThat(source.open(KINGMAN_V0.root(), "code.py")).isEmpty();
        }
    }

    private static String link(Cid root, String name) {
        return "<li><a href=\"/ipfs/" + root + "/" + name + "\">" + name + "</a></li>";
    }
}
