package org.phasic.traces.domain.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    /** FIPS 180-2, appendix B.1. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void digestsMatchTheStandardVectors() throws IOException {
        assertThat(Sha256.hex(ABC)).isEqualTo(SHA256_ABC);
        assertThat(Sha256.hex(new byte[0])).isEqualTo(SHA256_EMPTY);
        assertThat(Sha256.digest(ABC)).hasSize(Sha256.DIGEST_BYTES).isEqualTo(HexFormat.of().parseHex(SHA256_ABC));
        assertThat(Sha256.hex(new ByteArrayInputStream(ABC))).isEqualTo(SHA256_ABC);
    }

    @Test
    void aRangeIsHashedAlone() {
        byte[] padded = "xxabcyy".getBytes(StandardCharsets.US_ASCII);

        assertThat(HexFormat.of().formatHex(Sha256.digest(padded, 2, 3))).isEqualTo(SHA256_ABC);
    }

    @Test
    void aStreamLongerThanTheBufferIsHashedWhole() throws IOException {
        byte[] big = new byte[200_000];
        big[big.length - 1] = 1;

        assertThat(Sha256.hex(new ByteArrayInputStream(big))).isEqualTo(Sha256.hex(big))
                .isNotEqualTo(Sha256.hex(new byte[200_000]));
    }

    @Test
    void finishHexCompletesAnIncrementalDigest() {
        var digest = Sha256.newDigest();
        digest.update(ABC, 0, 1);
        digest.update(ABC, 1, 2);

        assertThat(Sha256.finishHex(digest)).isEqualTo(SHA256_ABC);
        assertThat(Sha256.finishHex(digest)).as("the digest is reset").isEqualTo(SHA256_EMPTY);
    }

    @Test
    void onlyLowerCaseSixtyFourDigitHexIsADigest() {
        assertThat(Sha256.isHex(SHA256_ABC)).isTrue();
        assertThat(Sha256.isHex(SHA256_ABC.toUpperCase())).isFalse();
        assertThat(Sha256.isHex(SHA256_ABC.substring(1))).isFalse();
        assertThat(Sha256.isHex(SHA256_ABC + "0")).isFalse();
        assertThat(Sha256.isHex(null)).isFalse();
    }
}
