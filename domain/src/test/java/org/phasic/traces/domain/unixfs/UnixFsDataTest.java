package org.phasic.traces.domain.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.domain.cid.CorruptContentException;

class UnixFsDataTest {

    @Test
    void encodesLikeKubo() {
        // Kubo's empty file node Data (QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH): Type=File, filesize=0
        assertThat(UnixFsData.file(null, 0, new long[0]).encode()).isEqualTo(new byte[] {0x08, 0x02, 0x18, 0x00});
        assertThat(UnixFsData.directory().encode()).isEqualTo(new byte[] {0x08, 0x01});
        byte[] internal = UnixFsData.file(null, 300, new long[] {256, 44}).encode();
        assertThat(internal).isEqualTo(new byte[] {0x08, 0x02, 0x18, (byte) 0xac, 0x02, 0x20, (byte) 0x80, 0x02, 0x20, 0x2c});
        UnixFsData decoded = UnixFsData.decode(internal);
        assertThat(decoded.type()).isEqualTo(UnixFsData.Type.FILE);
        assertThat(decoded.filesize()).isEqualTo(300);
        assertThat(decoded.blocksizes()).containsExactly(256, 44);
        assertThat(decoded.dataLength()).isZero();
    }

    @Test
    void leafCarriesItsData() {
        byte[] encoded = UnixFsData.file(new byte[] {1, 2, 3}, 3, new long[0]).encode();
        assertThat(encoded).isEqualTo(new byte[] {0x08, 0x02, 0x12, 0x03, 1, 2, 3, 0x18, 0x03});
        assertThat(UnixFsData.decode(encoded).data()).containsExactly(1, 2, 3);
    }

    @Test
    void ignoresModeAndMtimeMetadata() {
        byte[] withMetadata = {0x08, 0x02, 0x18, 0x00, 0x38, (byte) 0xa4, 0x03, 0x42, 0x02, 0x08, 0x01};
        UnixFsData decoded = UnixFsData.decode(withMetadata);
        assertThat(decoded.type()).isEqualTo(UnixFsData.Type.FILE);
        assertThat(decoded.filesize()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1800|malformed UnixFS Data block: missing Type at byte 2",
        "0809|malformed UnixFS Data block: unknown UnixFS type 9 at byte 0",
        "08020802|malformed UnixFS Data block: field 1 appears twice at byte 2",
        "08024801|malformed UnixFS Data block: unknown field 9 at byte 2",
        "08021a00|malformed UnixFS Data block: wire type 2 is wrong for field 3 at byte 2",
        "0802220101|malformed UnixFS Data block: wire type 2 is wrong for field 4 at byte 2",
    })
    void decodingIsStrict(String hex, String message) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertThatThrownBy(() -> UnixFsData.decode(bytes)).isInstanceOf(CorruptContentException.class)
                .hasMessage(message);
    }
}
