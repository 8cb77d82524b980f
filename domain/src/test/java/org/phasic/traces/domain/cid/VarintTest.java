package org.phasic.traces.domain.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VarintTest {

    /** Examples from the multiformats unsigned-varint specification. */
    @ParameterizedTest
    @CsvSource({
        "1, 01",
        "127, 7f",
        "128, 8001",
        "255, ff01",
        "300, ac02",
        "16384, 808001",
        "9223372036854775807, ffffffffffffffff7f",
    })
    void encodesAndDecodesSpecExamples(long value, String hex) throws IOException {
        byte[] bytes = hex(hex);
        assertThat(Varint.encode(value)).isEqualTo(bytes);
        assertThat(Varint.size(value)).isEqualTo(bytes.length);
        assertThat(Varint.decode(bytes, 0, bytes.length)).isEqualTo(value);
        assertThat(Varint.read(new ByteArrayInputStream(bytes))).isEqualTo(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(value, out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void rejectsMoreThanNineBytes() {
        byte[] tooLong = hex("ffffffffffffffffff01");
        assertThatThrownBy(() -> Varint.decode(tooLong, 0, tooLong.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("varint overflow: longer than 9 bytes");
        assertThatThrownBy(() -> Varint.read(new ByteArrayInputStream(tooLong)))
                .hasMessage("varint overflow: longer than 9 bytes");
    }

    @Test
    void rejectsNonMinimalEncoding() {
        byte[] padded = hex("8100");
        assertThatThrownBy(() -> Varint.decode(padded, 0, 2)).hasMessage("varint not minimally encoded");
    }

    @Test
    void reportsTruncation() {
        byte[] cut = hex("8080");
        assertThatThrownBy(() -> Varint.decode(cut, 0, 2)).hasMessage("truncated varint");
        assertThatThrownBy(() -> Varint.read(new ByteArrayInputStream(cut))).isInstanceOf(EOFException.class);
    }

    @Test
    void readReturnsMinusOneAtCleanEndOfStream() throws IOException {
        assertThat(Varint.read(new ByteArrayInputStream(new byte[0]))).isEqualTo(-1);
    }

    @Test
    void refusesNegativeValues() {
        assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
