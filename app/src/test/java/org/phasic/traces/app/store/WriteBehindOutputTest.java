package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.io.Sha256;

class WriteBehindOutputTest {
    /** Two pages of the usual file system block: the buffers then cover aligned stretches. */
    private static final int BUFFER_BYTES = 8192;

    @TempDir
    Path folder;

    /**
     * Writes of odd sizes from one array that the caller overwrites right after each write (as a reader reusing its
     * buffer does), so a buffer that held on to the caller's array, or was handed to the writer twice, shows.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theFileHoldsExactlyTheBytesOfEachWriteInOrder(boolean directIo) throws IOException {
        Path file = folder.resolve("staged");
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        byte[] reused = new byte[3 * BUFFER_BYTES];
        MessageDigest digest = Sha256.newDigest();
        WriteBehindOutput out = new WriteBehindOutput(file, digest, 5000, BUFFER_BYTES, 2, directIo);
        try (out) {
            for (int i = 0; i < 60; i++) {
                random.nextBytes(reused);
                int length = random.nextInt(reused.length + 1);
                int offset = random.nextInt(reused.length - length + 1);
                out.write(reused, offset, length);
                expected.write(reused, offset, length);
                Arrays.fill(reused, (byte) i);
            }
            out.write(42);
            expected.write(42);
        }

        assertThat(out.written()).isEqualTo(expected.size()).isGreaterThan(10L * BUFFER_BYTES);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(Sha256.finishHex(digest)).isEqualTo(Sha256.hex(expected.toByteArray()));
        String fileSystem = Files.getFileStore(folder).type();
        if (!directIo) {
            assertThat(out.usesDirectIo()).isFalse();
        } else if (fileSystem.equals("ext4") || fileSystem.equals("xfs")) {
            assertThat(out.usesDirectIo()).as("direct I/O on " + fileSystem).isTrue();
        }
    }

    @Test
    void aFileWithinTheFirstBytesIsWrittenThroughWithoutAWriterThread() throws IOException {
        Path file = folder.resolve("small");
        byte[] bytes = new byte[4000];
        new Random(3).nextBytes(bytes);
        long threadsBefore = writerThreads();

        MessageDigest digest = Sha256.newDigest();
        WriteBehindOutput out = new WriteBehindOutput(file, digest, 5000, BUFFER_BYTES, 2, true);
        out.write(bytes, 0, 1000);
        assertThat(Files.size(file)).as("written through as it came").isEqualTo(1000);
        out.write(bytes, 1000, 3000);
        assertThat(writerThreads()).isEqualTo(threadsBefore);

        assertClosedWrittenThrough(out, file, bytes, digest);
    }

    @Test
    void withoutDirectMemoryForItsBuffersTheWholeFileIsWrittenThroughOnTheCallersThread() throws IOException {
        Path file = folder.resolve("no-direct-memory");
        byte[] bytes = new byte[BUFFER_BYTES * 5 + 123];
        new Random(5).nextBytes(bytes);
        long threadsBefore = writerThreads();
        AtomicInteger allocations = new AtomicInteger();

        MessageDigest digest = Sha256.newDigest();
        WriteBehindOutput out = new WriteBehindOutput(file, digest, 5000, BUFFER_BYTES, 2, true, size -> {
            if (allocations.incrementAndGet() > 1) {
                throw new OutOfMemoryError("Direct buffer memory");
            }
            return ByteBuffer.allocateDirect(size);
        });
        for (int at = 0; at < bytes.length; at += 3000) {
            out.write(bytes, at, Math.min(3000, bytes.length - at));
        }
        assertThat(writerThreads()).isEqualTo(threadsBefore);

        assertClosedWrittenThrough(out, file, bytes, digest);
        assertThat(allocations).hasValue(2);
    }

    /** Closes {@code out} and checks that {@code file} and {@code digest} hold {@code bytes}, written without direct I/O. */
    private static void assertClosedWrittenThrough(WriteBehindOutput out, Path file, byte[] bytes, MessageDigest digest)
            throws IOException {
        out.close();
        assertThat(out.usesDirectIo()).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(Sha256.finishHex(digest)).isEqualTo(Sha256.hex(bytes));
    }

    @Test
    void anExistingFileIsNotOverwrittenAndAClosedOutputRefusesWrites() throws IOException {
        Path file = folder.resolve("existing");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> new WriteBehindOutput(file, Sha256.newDigest())).isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);

        WriteBehindOutput out = new WriteBehindOutput(folder.resolve("new"), Sha256.newDigest(), 10, BUFFER_BYTES, 2, true);
        out.write(new byte[BUFFER_BYTES * 3], 0, BUFFER_BYTES * 3);
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(new byte[1], 0, 1)).isInstanceOf(IOException.class);
        assertThat(Files.size(folder.resolve("new"))).isEqualTo(BUFFER_BYTES * 3L);
    }

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("phasic-traces staging")).count();
    }
}
