package org.phasic.traces.app.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.domain.io.SizeLimitExceededException;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.ports.out.TraceCodec;

class JacksonTraceCodecTest {
    static final String N5 = "coalescent_n5_theta1.trace.json";

    private final TraceCodec codec = new JacksonTraceCodec();

    static String publishedText() throws IOException {
        try (InputStream in = JacksonTraceCodecTest.class.getResourceAsStream(N5)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private EliminationTrace read(String json) throws IOException {
        return codec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsThePublishedTrace() throws IOException {
        EliminationTrace trace = read(publishedText());
        assertThat(trace.operations()).hasSize(34);
        assertThat(trace.nVertices()).isEqualTo(6);
        assertThat(trace.paramLength()).isEqualTo(1);
        assertThat(trace.stateLength()).isEqualTo(1);
        assertThat(trace.startingVertexIdx()).isZero();
        assertThat(trace.isDiscrete()).isFalse();
        assertThat(trace.operations().get(1).type()).isEqualTo(OpType.DOT);
        assertThat(trace.operations().get(1).coefficients()).hasValueSatisfying(c -> assertThat(c).containsExactly(1.0));
        assertThat(trace.vertexTargets()[0]).containsExactly(1, 1);
        assertThat(trace.states()[5]).containsExactly(1);
        assertThat(trace.metadata()).containsEntry("total_operations", 34).containsEntry("parameterized", true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lower-case names,lower", "integer codes,code"})
    void readsLowerCaseNamesAndIntegerCodes(String name, String style) throws IOException {
        String text = publishedText();
        Matcher m = Pattern.compile("\"op_type\": \"([A-Z]+)\"").matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (m.find()) {
            OpType type = OpType.valueOf(m.group(1));
            String value = style.equals("lower") ? "\"" + type.name().toLowerCase() + "\"" : Integer.toString(type.code());
            m.appendReplacement(rewritten, "\"op_type\": " + value);
        }
        m.appendTail(rewritten);
        assertThat(rewritten.toString()).doesNotContain("\"MUL\"");
        assertThat(read(rewritten.toString())).isEqualTo(read(text));
    }

    @Test
    void readsGzipAndPlainAlike() throws IOException {
        byte[] plain = publishedText().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        assertThat(codec.read(new ByteArrayInputStream(gz.toByteArray())))
                .isEqualTo(codec.read(new ByteArrayInputStream(plain)));
    }

    @Test
    void roundTripIsByteIdenticalAndDeterministic() throws IOException {
        for (EliminationTrace trace : new EliminationTrace[] {read(publishedText()), KingmanCoalescent.trace(20)}) {
            byte[] first = codec.toGzip(trace);
            EliminationTrace back = codec.read(new ByteArrayInputStream(first));
            assertThat(back).isEqualTo(trace);
            assertThat(codec.toGzip(back)).isEqualTo(first);
            assertThat(new JacksonTraceCodec().toGzip(trace)).isEqualTo(first);
            assertThat(Arrays.copyOfRange(first, 4, 8)).containsExactly(0, 0, 0, 0);
        }
    }

    @Test
    void writesFormatA() throws IOException {
        String json = new String(codec.toJson(read(publishedText())), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"operations\":[{\"op_type\":\"CONST\",\"operands\":[],\"const_value\":1.0,"
                + "\"param_idx\":null,\"coefficients\":null},{\"op_type\":\"DOT\",\"operands\":[],\"const_value\":null,"
                + "\"param_idx\":null,\"coefficients\":[1.0]}");
        assertThat(json).contains("\"vertex_rates\":[4,8,11,14,17,5],\"edge_probs\":[[18,21],");
        assertThat(json).endsWith("\"starting_vertex_idx\":0,\"n_vertices\":6,\"state_length\":1,\"param_length\":1,"
                + "\"is_discrete\":false,\"metadata\":{\"phase\":2,\"parameterized\":true,\"total_operations\":34,"
                + "\"const_cached\":2}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                 | {"operations": [}                                       | $                        | malformed JSON
            trailing garbage         | {} {}                                                   | $                        | malformed JSON
            not an object            | [1, 2]                                                  | $                        | must be a JSON object
            missing operations       | {"vertex_rates": []}                                    | operations               | missing
            operations not array     | {"operations": 5}                                       | operations               | must be an array
            op not object            | {"operations": [3]}                                     | operations[0]            | must be a JSON object
            missing op_type          | {"operations": [{"operands": []}]}                      | operations[0].op_type    | missing
            unknown op name          | {"operations": [{"op_type": "POW"}]}                    | operations[0].op_type    | unknown op_type 'POW'
            unknown op code          | {"operations": [{"op_type": 9}]}                        | operations[0].op_type    | unknown op_type code 9
            op_type wrong type       | {"operations": [{"op_type": true}]}                     | operations[0].op_type    | must be an op name
            operand not integer      | {"operations": [{"op_type": "INV", "operands": [0.5]}]} | operations[0].operands[0] | must be an integer
            const not number         | {"operations": [{"op_type": "CONST", "const_value": "1"}]} | operations[0].const_value | must be a number
            coefficient not number   | {"operations": [{"op_type": "DOT", "coefficients": [null]}]} | operations[0].coefficients[0] | must be a number
            index too large          | {"operations": [{"op_type": "PARAM", "param_idx": 3000000000}]} | operations[0].param_idx | int range
            """)
    void reportsMalformedInput(String name, String json, String field, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(InvalidTraceException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            operand not earlier  | "operands": [0, 1]          | "operands": [0, 2]            | operations[2].operands[1] | does not refer to an earlier operation
            coefficients length  | "coefficients": [10.0]      | "coefficients": [10.0, 1.0]   | operations[6].coefficients | expected param_length = 1
            vertex_rates length  | "vertex_rates": [4,         | "vertex_rates": [4, 4,        | vertex_rates               | expected n_vertices = 6
            target out of range  | "vertex_targets": [[1, 1]   | "vertex_targets": [[1, 6]     | vertex_targets[0][1]       | vertex index 6 is out of range
            start out of range   | "starting_vertex_idx": 0    | "starting_vertex_idx": 6      | starting_vertex_idx        | out of range [0, 6)
            is_discrete type     | "is_discrete": false        | "is_discrete": "no"           | is_discrete                | must be true or false
            missing field        | "n_vertices": 6,            | ""                            | n_vertices                 | missing
            """)
    void reportsInvalidTraces(String name, String from, String to, String field, String message) throws IOException {
        String compact = publishedText().replaceAll("\\s+", " ").replace("[ ", "[").replace(" ]", "]");
        assertThat(compact).contains(from);
        String broken = compact.replace(from, to.equals("\"\"") ? "" : to);
        assertThatThrownBy(() -> read(broken))
                .isInstanceOfSatisfying(InvalidTraceException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void reportsCorruptGzip() {
        byte[] gz = new JacksonTraceCodec().toGzip(KingmanCoalescent.trace(3));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(InvalidTraceException.class)
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void refusesAGzipBomb() throws IOException {
        byte[] bomb = gzipOfSpaces(64);
        assertThat(bomb.length).isLessThan(200_000);
        TraceCodec small = new JacksonTraceCodec(1 << 20);
        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(bomb)))
                .isInstanceOf(SizeLimitExceededException.class)
                .hasMessage("decompressed trace exceeds the limit of 1048576 bytes");
    }

    @Test
    void defaultLimitRefusesABombLargerThan256MiB() throws IOException {
        byte[] bomb = gzipOfSpaces(257);
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(bomb)))
                .isInstanceOf(SizeLimitExceededException.class)
                .hasMessageContaining("limit of " + TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES + " bytes");
    }

    /** {@code mib} MiB of JSON whitespace: valid so far, so only the size limit can stop it. */
    private static byte[] gzipOfSpaces(int mib) throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (int i = 0; i < mib; i++) {
                gz.write(spaces);
            }
        }
        return out.toByteArray();
    }
}
