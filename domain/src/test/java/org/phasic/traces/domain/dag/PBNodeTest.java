package org.phasic.traces.domain.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.vectors.Vectors;

class PBNodeTest {

    private static final Cid LEAF = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");

    /** Every dag-pb block js-ipfs and ipfs-car wrote decodes and re-encodes to the same bytes. */
    @Test
    void reencodesEveryDagPbBlockOfTheFixturesIdentically() throws IOException {
        int checked = 0;
        for (Vectors.Fixture fixture : Vectors.fixtures()) {
            try (CarReader reader = new CarReader(new ByteArrayInputStream(Vectors.resource(fixture.car())))) {
                for (Block block = reader.next(); block != null; block = reader.next()) {
                    if (block.cid().codec() == Multicodec.DAG_PB) {
                        assertThat(PBNode.decode(block.data()).encode()).isEqualTo(block.data());
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void encodesLinksBeforeData() {
        PBNode node = PBNode.of(List.of(PBLink.of(LEAF, "a", 0)), new byte[] {8, 1});
        byte[] bytes = node.encode();
        assertThat(bytes[0]).isEqualTo((byte) 0x12);
        assertThat(bytes[bytes.length - 4]).isEqualTo((byte) 0x0a);
        assertThat(PBNode.decode(bytes)).isEqualTo(node);
        assertThat(PBNode.decode(bytes).links().get(0)).isEqualTo(new PBLink(LEAF, "a", 0L));
    }

    @Test
    void optionalLinkFieldsRoundTrip() {
        PBNode node = PBNode.of(List.of(new PBLink(LEAF, null, null)), null);
        PBNode decoded = PBNode.decode(node.encode());
        assertThat(decoded.links()).containsExactly(new PBLink(LEAF, null, null));
        assertThat(decoded.hasData()).isFalse();
        assertThat(PBNode.decode(new byte[0]).links()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Data then Links
        "0a0108120a0a08015512040102030405|malformed dag-pb block: field 2 after Data (Data must be the last field) at byte 3",
        // Data twice
        "0a01080a0108|malformed dag-pb block: field 1 after Data (Data must be the last field) at byte 3",
        // unknown field 3
        "1a0100|malformed dag-pb block: unknown PBNode field 3 at byte 0",
        // Data as a varint
        "0801|malformed dag-pb block: wire type 0 is wrong for PBNode field 1 at byte 0",
        // wire type 5
        "0d00000000|malformed dag-pb block: unsupported wire type 5 for field 1 at byte 0",
        // Data length runs past the end
        "0a05080102|malformed dag-pb block: length-delimited field of 5 bytes overruns the block at byte 1",
        // a link with only Tsize, and an empty link
        "12021805|malformed dag-pb block: Tsize before Hash at byte 2",
        "1200|malformed dag-pb block: link without Hash at byte 2",
        // Name before Hash
        "1205120161180a|malformed dag-pb block: Name before Hash at byte 2",
        // Hash is not a CID
        "12040a020200|malformed dag-pb block: link Hash is not a valid CID (invalid CID bytes: unsupported CID version 2) at byte 2",
        // Name that is not UTF-8
        "12290a2401551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855120180|malformed dag-pb block: string is not valid UTF-8 at byte 41",
        // Tsize twice
        "122a0a2401551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85518011802|malformed dag-pb block: field 3 duplicated or out of order (Hash, Name, Tsize) at byte 42",
        // non-minimal varint in a key
        "8a000108|malformed dag-pb block: varint not minimally encoded at byte 0",
    })
    void decodingIsStrict(String hex, String message) {
        assertThatThrownBy(() -> PBNode.decode(hex(hex))).isInstanceOf(CorruptContentException.class)
                .hasMessage(message);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
