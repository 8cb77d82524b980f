package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpillBufferTest {

    @Test
    void smallContentStaysInMemory() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(16)) {
            buffer.write(new byte[] {1, 2, 3});
            buffer.finish();

            assertThat(buffer.file()).isEmpty();
            try (InputStream in = buffer.openStream()) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void largeContentGoesToATemporaryFileDeletedOnClose() throws Exception {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Path file;
        try (SpillBuffer buffer = new SpillBuffer(16)) {
            buffer.write(bytes, 0, 10);
            buffer.write(bytes, 10, 90);
            buffer.finish();
            file = buffer.file().orElseThrow();

            assertThat(buffer.size()).isEqualTo(100);
            try (InputStream in = buffer.openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
        assertThat(Files.exists(file)).isFalse();
    }
}
