package org.phasic.traces.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlobStreamsTest {

    /** FIPS 180-2 test vector: SHA-256("abc"). */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void copyExactlyCopiesAndHashesTheDeclaredLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(BlobStreams.copyExactly(new ByteArrayInputStream(ABC), out, 3, "k")).isEqualTo(SHA256_ABC);
        assertThat(out.toByteArray()).isEqualTo(ABC);
    }

    @Test
    void copyExactlyRejectsShortAndLongContent() {
        assertThatThrownBy(() -> BlobStreams.copyExactly(new ByteArrayInputStream(ABC), new ByteArrayOutputStream(), 4, "k"))
                .isInstanceOf(BlobStoreException.class).hasMessage("content of 'k' ended after 3 bytes; 4 were declared");
        assertThatThrownBy(() -> BlobStreams.copyExactly(new ByteArrayInputStream(ABC), new ByteArrayOutputStream(), 2, "k"))
                .isInstanceOf(BlobStoreException.class).hasMessage("content of 'k' is longer than the 2 bytes declared");
    }

    @Test
    void verifyingStreamPassesIntactContent() throws IOException {
        try (InputStream in = BlobStreams.verifying(new ByteArrayInputStream(ABC), BlobInfo.of("k", 3, SHA256_ABC))) {
            assertThat(in.readAllBytes()).isEqualTo(ABC);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void verifyingStreamReportsAlteredContentAtTheEnd() {
        byte[] altered = "abd".getBytes(StandardCharsets.US_ASCII);
        InputStream in = BlobStreams.verifying(new ByteArrayInputStream(altered), BlobInfo.of("k", 3, SHA256_ABC));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining("blob 'k' has sha-256 ").hasMessageContaining("but " + SHA256_ABC + " was recorded");
        assertThatThrownBy(in::read).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void verifyingStreamReportsTruncatedAndExtendedContent() {
        InputStream shorter = BlobStreams.verifying(new ByteArrayInputStream(ABC, 0, 2), BlobInfo.of("k", 3, SHA256_ABC));
        assertThatThrownBy(shorter::readAllBytes).isInstanceOf(BlobIntegrityException.class)
                .hasMessage("blob 'k' ended after 2 bytes; 3 were recorded");
        InputStream longer = BlobStreams.verifying(new ByteArrayInputStream("abcd".getBytes(StandardCharsets.US_ASCII)),
                BlobInfo.of("k", 3, SHA256_ABC));
        assertThatThrownBy(longer::readAllBytes).isInstanceOf(BlobIntegrityException.class)
                .hasMessage("blob 'k' is longer than its recorded 3 bytes");
    }

    @Test
    void verifyingStreamSkipStillHashesWhatItSkips() throws IOException {
        byte[] altered = "xbc".getBytes(StandardCharsets.US_ASCII);
        InputStream in = BlobStreams.verifying(new ByteArrayInputStream(altered), BlobInfo.of("k", 3, SHA256_ABC));
        assertThat(in.skip(1)).isEqualTo(1);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void verifyingStreamRefusesBlobsWithoutRecordedChecksum() {
        InputStream in = BlobStreams.verifying(new ByteArrayInputStream(ABC), BlobInfo.withoutChecksum("k", 3));
        assertThatThrownBy(in::read).isInstanceOf(BlobIntegrityException.class).hasMessageContaining("no recorded sha-256");
    }

    @Test
    void blobInfoValidatesItsFields() {
        assertThatThrownBy(() -> BlobInfo.of("k", -1, SHA256_ABC)).hasMessageContaining("size must be >= 0");
        assertThatThrownBy(() -> BlobInfo.of("k", 1, "ABC")).hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> BlobInfo.of("../k", 1, SHA256_ABC)).hasMessageContaining("'..' segment");
        assertThat(BlobInfo.of("k", 3, SHA256_ABC).matches(3, SHA256_ABC)).isTrue();
        assertThat(BlobInfo.of("k", 3, SHA256_ABC).matches(4, SHA256_ABC)).isFalse();
        assertThat(BlobInfo.withoutChecksum("k", 3).matches(3, SHA256_ABC)).isFalse();
    }
}
