package org.phasic.traces.app.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * The codec's fast path ({@link FastTraceReader}): which documents it takes, and that it reads them as the reference
 * reader does (the codec as a whole, fast path or not, is compared with the reference in
 * {@link StreamingTraceReaderPropertyTest}).
 */
class FastTraceReaderTest {
    private static final long LIMIT = TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES;
    private static final JacksonTraceCodec CODEC = new JacksonTraceCodec();

    /** A one-vertex trace with a CONST and a DOT operation, with the given spellings. */
    private static String document(String constValue, String coefficient, String opType, String metadata,
                                   String extra) {
        return "{\"operations\": [{\"op_type\": " + opType + ", \"operands\": [], \"const_value\": " + constValue
                + ", \"param_idx\": null, \"coefficients\": null}, {\"op_type\": \"DOT\", \"coefficients\": ["
                + coefficient + "]}], \"vertex_rates\": [0], \"edge_probs\": [[]], \"vertex_targets\": [[]],"
                + " \"states\": [[]], \"starting_vertex_idx\": 0, \"n_vertices\": 1, \"state_length\": 0,"
                + " \"param_length\": 1, \"metadata\": " + metadata + extra + "}";
    }

    private static Arguments number(String constValue, boolean taken) {
        return Arguments.of(document(constValue, "0.5", "\"CONST\"", "{}", ""), taken);
    }

    private static Arguments metadata(String metadata, boolean taken) {
        return Arguments.of(document("1.0", "0.5", "\"CONST\"", metadata, ""), taken);
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                number("1", true), number("-0", true), number("-0.0", true), number("0.0", true),
                number("1.5e3", true), number("1E-5", true), number("2.5E+2", true), number("123456789", true),
                number("-123456789", true), number("0.1", true), number("0.30000000000000004", true),
                number("1.7976931348623157E308", true), number("4.9E-324", true), number("2.2250738585072014E-308", true),
                number("123456789012345678901234567890.5", true), number("0.000000000000000000000000123", true),
                number("9007199254740993.0", true), number("1e22", true), number("1e23", true), number("3e-23", true),
                number("1234567890", false), number("01", false), number("1.", false), number(".5", false),
                number("+1", false), number("1e", false), number("-", false), number("NaN", false),
                number("1e999", false), number("\"1\"", false), number("1x", false), number("[1]", false),
                metadata("{\"a\": 2147483647, \"b\": 2147483648, \"c\": -2147483648, \"d\": -2147483649}", true),
                metadata("{\"a\": 9223372036854775807, \"b\": 9223372036854775808, \"c\": -9223372036854775809}", true),
                metadata("{\"a\": [1, {\"b\": null, \"c\": [true, false, \"x\", -0, 0.5]}], \"a\": 2, \"z\": []}", true),
                metadata("null", true), metadata("{\"a\": 1e400}", false), metadata("{\"a\": \"\\u0041\"}", false),
                metadata("{\"a\": \"caf\u00e9\"}", false), metadata("[]", false), metadata("{\"a\": 01}", false),
                metadata("{\"a\": truex}", false), metadata("{\"a\": [1,]}", false),
                Arguments.of(document("1.0", "0.5", "\"const\"", "{}", ""), true),
                Arguments.of(document("1.0", "0.5", "0", "{}", ""), true),
                Arguments.of(document("1.0", "0.5", "8", "{}", ""), false),
                Arguments.of(document("1.0", "0.5", "\"Const\"", "{}", ""), false),
                Arguments.of(document("1.0", "0.5", "\"0\"", "{}", ""), false),
                Arguments.of(document("1.0", "0.5", "null", "{}", ""), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"extra\": {\"x\": [1, \"y\", 1.5e400, 1e5]}"), true),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"is_discrete\": null"), true),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"is_discrete\": true"), true),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"is_discrete\": 1"), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"n_vertices\": 1"), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ", \"n_vertices\": null"), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", ","), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "").replace(" ", "\t\r\n "), true),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "").replace("\"param_idx\": null",
                        "\"param_idx\": null, \"note\": \"x\""), true),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "").replace("\"param_idx\": null",
                        "\"param_idx\": null, \"const_value\": 2"), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "").replace("\"vertex_rates\": [0]",
                        "\"vertex_rates\": [2]"), false),
                Arguments.of("\ufeff" + document("1.0", "0.5", "\"CONST\"", "{}", ""), false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "") + " x", false),
                Arguments.of(document("1.0", "0.5", "\"CONST\"", "{}", "") + " \n", true));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void takesPlainDocumentsAndReadsThemAsTheReference(String text, boolean taken) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte[] input : new byte[][] {bytes, DeterministicGzip.compress(bytes)}) {
            StreamingTraceReaderPropertyTest.Outcome expected = outcome(input, true);
            assertThat(outcome(input, false)).as(text).isEqualTo(expected);
            assertThat(StreamingTraceReaderPropertyTest.fastAgrees(input, LIMIT, expected, text)).as(text).isEqualTo(taken);
        }
    }

    /** The large trace's shape in the three op-type formats, compact and pretty-printed, gzip'd and plain. */
    @Test
    void takesKingmanTracesInEveryFormat() throws IOException {
        EliminationTrace trace = KingmanCoalescent.trace(300);
        JsonNode tree = JacksonTraceCodec.mapper().readTree(CODEC.toJson(trace));
        for (int format = 0; format < 3; format++) {
            for (JsonNode op : tree.get("operations")) {
                String name = op.get("op_type").asText().toUpperCase(Locale.ROOT);
                JsonNode type = switch (format) {
                    case 0 -> TextNode.valueOf(name);
                    case 1 -> TextNode.valueOf(name.toLowerCase(Locale.ROOT));
                    default -> IntNode.valueOf(org.phasic.traces.domain.trace.OpType.valueOf(name).code());
                };
                ((ObjectNode) op).set("op_type", type);
            }
            for (boolean pretty : new boolean[] {false, true}) {
                byte[] json = (pretty ? JacksonTraceCodec.mapper().writerWithDefaultPrettyPrinter()
                        : JacksonTraceCodec.mapper().writer()).writeValueAsBytes(tree);
                for (byte[] input : new byte[][] {json, DeterministicGzip.compress(json)}) {
                    assertThat(FastTraceReader.read(input, input.length, LIMIT)).as("format %d, pretty %s", format, pretty)
                            .isEqualTo(trace);
                }
            }
        }
        assertThat(((ArrayNode) tree.get("operations")).size()).isEqualTo(trace.operations().size());
    }

    @Test
    void leavesBrokenOrOversizedContentToTheStreamingReader() {
        byte[] gz = CODEC.toGzip(KingmanCoalescent.trace(20));
        assertThat(FastTraceReader.read(gz, gz.length, LIMIT)).isNotNull();
        byte[] json = CODEC.toJson(KingmanCoalescent.trace(20));
        assertThat(FastTraceReader.read(gz, gz.length, json.length)).as("exactly at the limit").isNotNull();
        assertThat(FastTraceReader.read(gz, gz.length, json.length - 1)).as("over the limit").isNull();
        assertThat(FastTraceReader.read(gz, gz.length - 3, LIMIT)).as("truncated gzip").isNull();
        byte[] corrupt = gz.clone();
        corrupt[gz.length / 2] ^= 0x10;
        assertThat(FastTraceReader.read(corrupt, corrupt.length, LIMIT)).as("corrupt gzip").isNull();
    }

    /** A source that fails after {@code length} bytes, handing them out in small reads. */
    private static InputStream failingAfter(byte[] bytes, int length, IOException failure) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == length) {
                    throw failure;
                }
                int n = Math.min(Math.min(len, 1000), length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @Test
    void aFailingSourceFailsAsInTheStreamingReader() throws IOException {
        byte[] json = CODEC.toJson(KingmanCoalescent.trace(200));
        int failed = 0;
        for (byte[] doc : new byte[][] {json, DeterministicGzip.compress(json)}) {
            for (int cut : new int[] {0, doc.length / 3, doc.length}) {
                for (String kind : new String[] {"io", "eof"}) {
                    String as = kind + " after " + cut + " of " + doc.length;
                    StreamingTraceReaderPropertyTest.Outcome expected = outcome(() -> TreeTraceReader.read(
                            failingAfter(doc, cut, failure(kind)), LIMIT));
                    assertThat(outcome(() -> CODEC.read(failingAfter(doc, cut, failure(kind))))).as(as)
                            .isEqualTo(expected);
                    failed += expected.error() != null ? 1 : 0;
                }
            }
        }
        assertThat(failed).as("reads that met the failure (not those after a complete gzip member)").isEqualTo(10);
    }

    private static IOException failure(String kind) {
        return kind.equals("eof") ? new EOFException("source ended") : new IOException("source failed");
    }

    /** Input over 16 MiB, and content over the fast path's 32 MiB, go to the streaming reader, with the same result. */
    @Test
    void largeInputIsReadByTheStreamingReader() throws IOException {
        byte[] json = CODEC.toJson(KingmanCoalescent.trace(20));
        byte[] padded = Arrays.copyOf(json, json.length + (17 << 20));
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        assertThat(CODEC.read(new ByteArrayInputStream(padded))).isEqualTo(KingmanCoalescent.trace(20));
        byte[] large = Arrays.copyOf(json, json.length + (33 << 20));
        Arrays.fill(large, json.length, large.length, (byte) '\n');
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(large);
        }
        assertThat(FastTraceReader.read(gz.toByteArray(), gz.size(), LIMIT)).isNull();
        assertThat(CODEC.read(new ByteArrayInputStream(gz.toByteArray()))).isEqualTo(KingmanCoalescent.trace(20));
        assertThat(outcome(() -> CODEC.read(new ByteArrayInputStream(gz.toByteArray()))))
                .isEqualTo(outcome(() -> TreeTraceReader.read(new ByteArrayInputStream(gz.toByteArray()), LIMIT)));
    }

    @FunctionalInterface
    private interface Read {
        EliminationTrace read() throws IOException;
    }

    private static StreamingTraceReaderPropertyTest.Outcome outcome(Read read) {
        try {
            return new StreamingTraceReaderPropertyTest.Outcome(read.read(), null);
        } catch (IOException | RuntimeException e) {
            return new StreamingTraceReaderPropertyTest.Outcome(null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** The codec's outcome, or with {@code reference} the tree reader's. */
    private static StreamingTraceReaderPropertyTest.Outcome outcome(byte[] bytes, boolean reference) {
        return outcome(() -> reference ? TreeTraceReader.read(new ByteArrayInputStream(bytes), LIMIT)
                : CODEC.read(new ByteArrayInputStream(bytes)));
    }
}
