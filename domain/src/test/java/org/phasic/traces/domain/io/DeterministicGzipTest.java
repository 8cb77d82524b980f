package org.phasic.traces.domain.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeterministicGzipTest {
    static Stream<Arguments> inputs() {
        Random random = new Random(42);
        byte[] noise = new byte[300_000];
        random.nextBytes(noise);
        byte[] window = new byte[32768];
        random.nextBytes(window);
        byte[] twoWindows = new byte[65536 + 5];
        System.arraycopy(window, 0, twoWindows, 0, window.length);
        System.arraycopy(window, 0, twoWindows, window.length, window.length);
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            json.append("{\"op_type\":\"MUL\",\"operands\":[").append(i % 97).append(',').append(i)
                    .append("],\"const_value\":null},");
        }
        byte[] smallAlphabet = new byte[100_000];
        for (int i = 0; i < smallAlphabet.length; i++) {
            smallAlphabet[i] = (byte) ('a' + random.nextInt(3));
        }
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("one byte", new byte[] {7}),
                Arguments.of("three bytes", "abc".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("zeros", new byte[200_000]),
                Arguments.of("random", noise),
                Arguments.of("repeat at distance 32768", twoWindows),
                Arguments.of("json", json.toString().getBytes(StandardCharsets.UTF_8)),
                Arguments.of("small alphabet", smallAlphabet));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void zlibInflatesWhatWeDeflate(String name, byte[] data) throws IOException {
        byte[] gz = DeterministicGzip.compress(data);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(DeterministicGzip.compress(data)).isEqualTo(gz);
    }

    @Test
    void headerHasNoTimeNoNameAndUnknownOs() {
        byte[] gz = DeterministicGzip.compress("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
        assertThat(DeterministicGzip.isGzip(gz)).isTrue();
        assertThat(DeterministicGzip.isGzip(new byte[] {'{'})).isFalse();
    }

    @Test
    void compressesRepetitiveText() {
        byte[] json = "{\"op_type\":\"CONST\",\"operands\":[]},".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertThat(DeterministicGzip.compress(json).length).isLessThan(json.length / 20);
    }

    @Test
    void openContentReadsPlainAndGzip() throws IOException {
        byte[] text = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(new ByteArrayInputStream(text), 100)).isEqualTo(text);
        assertThat(readAll(new ByteArrayInputStream(DeterministicGzip.compress(text)), 100)).isEqualTo(text);
        assertThat(readAll(new ByteArrayInputStream(new byte[0]), 100)).isEmpty();
    }

    @Test
    void refusesAGzipBomb() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(100_000);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bomb.toByteArray()), 1 << 20))
                .isInstanceOf(SizeLimitExceededException.class)
                .hasMessage("decompressed test data exceeds the limit of 1048576 bytes");
    }

    @Test
    void limitIsExactAndAlsoAppliesToPlainInput() throws IOException {
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 'x');
        assertThat(readAll(new ByteArrayInputStream(DeterministicGzip.compress(data)), 1000)).hasSize(1000);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(DeterministicGzip.compress(data)), 999))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(data), 999))
                .isInstanceOf(SizeLimitExceededException.class);
        try (InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(data), 2, "bytes")) {
            assertThat(in.read()).isEqualTo('x');
            assertThat(in.read()).isEqualTo('x');
            assertThatThrownBy(in::read).hasMessage("bytes exceeds the limit of 2 bytes");
        }
    }

    private static byte[] readAll(InputStream raw, long limit) throws IOException {
        try (InputStream in = DeterministicGzip.openContent(raw, limit, "decompressed test data")) {
            return in.readAllBytes();
        }
    }
}
