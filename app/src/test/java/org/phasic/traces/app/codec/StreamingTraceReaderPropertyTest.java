package org.phasic.traces.app.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * The streaming reader against the tree reader it replaced ({@link TreeTraceReader}): on the bundled traces
 * and on generated documents (valid traces of varying size in the three op-type formats, then broken ones:
 * missing fields, wrong types, out-of-range indices, duplicate keys, malformed or trailing JSON, truncated
 * gzip, content over the decompression limit) both give the same trace or the same error (type, field
 * path and message). The codec's fast path, on its own, gives the same trace wherever it takes a document.
 */
class StreamingTraceReaderPropertyTest {
    private static final ObjectMapper MAPPER = JacksonTraceCodec.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CASES = 1500;

    /** What a reader made of some bytes: the trace, or the error's type and message. */
    record Outcome(EliminationTrace trace, String error) {
    }

    private static Outcome outcome(Reader reader, byte[] bytes, long limit) {
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(bytes), limit), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Reader {
        EliminationTrace read(InputStream in, long limit) throws IOException;
    }

    private static Outcome streaming(byte[] bytes, long limit) {
        return outcome((in, max) -> new JacksonTraceCodec(max).read(in), bytes, limit);
    }

    private static Outcome tree(byte[] bytes, long limit) {
        return outcome(TreeTraceReader::read, bytes, limit);
    }

    /**
     * Checks the codec's fast path on its own: where it takes a document it gives the reference's trace (it must
     * never give a trace where the reference fails). Returns whether it took the document.
     */
    static boolean fastAgrees(byte[] bytes, long limit, Outcome expected, String as) {
        EliminationTrace fast = FastTraceReader.read(bytes, bytes.length, limit);
        if (fast != null) {
            assertThat(expected.trace()).as("the fast path took a document the reference refuses: %s", as).isNotNull();
            assertThat(fast).as(as).isEqualTo(expected.trace());
        }
        return fast != null;
    }

    static Stream<Path> bundledTraces() throws IOException {
        Path bundle = Path.of("src/bundle");
        try (Stream<Path> files = Files.walk(bundle)) {
            return files.filter(p -> p.getFileName().toString().equals("trace.json.gz")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("bundledTraces")
    void bundledTracesReadAlike(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Outcome expected = tree(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES);
        assertThat(expected.trace()).as("the reference reads %s", file).isNotNull();
        assertThat(streaming(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES)).isEqualTo(expected);
        assertThat(fastAgrees(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES, expected, file.toString()))
                .as("the fast path takes %s", file).isTrue();
    }

    @Test
    void generatedValidTracesReadAlike() {
        Random random = new Random(20261205L);
        int traces = 0;
        int fast = 0;
        for (int c = 0; c < CASES / 3; c++) {
            ObjectNode doc = validDocument(random);
            byte[] bytes = encode(doc, random);
            Outcome expected = tree(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES);
            assertThat(streaming(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES)).as("case %d: %s", c, doc)
                    .isEqualTo(expected);
            traces += expected.trace() != null ? 1 : 0;
            fast += fastAgrees(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES, expected, "case " + c) ? 1 : 0;
        }
        assertThat(traces).as("generated documents that are valid traces").isEqualTo(CASES / 3);
        assertThat(fast).as("valid documents the fast path took").isGreaterThan(CASES / 3 * 9 / 10);
    }

    @Test
    void generatedBrokenDocumentsFailAlike() {
        Random random = new Random(7L);
        List<String> errors = new ArrayList<>();
        int fast = 0;
        for (int c = 0; c < CASES; c++) {
            ObjectNode doc = validDocument(random);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutateTree(doc, random);
            }
            byte[] bytes = mutateBytes(encode(doc, random), random);
            long limit = random.nextInt(10) == 0 ? 1 + random.nextInt(Math.max(1, bytes.length * 2))
                    : TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES;
            Outcome expected = tree(bytes, limit);
            Outcome actual = streaming(bytes, limit);
            assertThat(actual).as("case %d: %s", c, new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            fast += fastAgrees(bytes, limit, expected, "case " + c) ? 1 : 0;
            if (expected.error() != null) {
                errors.add(expected.error());
            }
        }
        assertThat(fast).as("documents the fast path took").isPositive();
        assertThat(errors).as("broken documents").hasSizeGreaterThan(CASES / 2);
        assertThat(errors).anyMatch(e -> e.contains("malformed JSON")).anyMatch(e -> e.contains("corrupt gzip"))
                .anyMatch(e -> e.contains("SizeLimitExceeded")).anyMatch(e -> e.contains("out of range"))
                .anyMatch(e -> e.contains(": missing")).anyMatch(e -> e.contains("must be an integer"))
                .anyMatch(e -> e.contains("Trailing token")).anyMatch(e -> e.contains("must be an array"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "5", "5 6", "\"x\"", "[1]", "[1] 2", "{} {}", "{} ]", "{\"a\": 1} x", "{",
        "{\"operations\": []}", "{\"operations\": [null]}", "{\"operations\": [{}]}", "{\"operations\": {}}",
        "{\"operations\": [{\"op_type\": \"CONST\", \"op_type\": null}]}",
        "{\"operations\": [{\"operands\": [\"x\"], \"op_type\": \"nope\"}]}",
        "{\"operations\": [{\"op_type\": 18446744073709551616, \"const_value\": 1}], \"n_vertices\": 1}",
        "{\"operations\": [{\"op_type\": \"CONST\", \"const_value\": 1e999}], \"vertex_rates\": [0],"
            + " \"edge_probs\": [[]], \"vertex_targets\": [[]], \"states\": [[]], \"starting_vertex_idx\": 0,"
            + " \"n_vertices\": 1, \"state_length\": 0, \"param_length\": 0}",
        "{\"operations\": [{\"op_type\": \"CONST\", \"const_value\": 1}], \"vertex_rates\": [0],"
            + " \"edge_probs\": [[]], \"vertex_targets\": [[]], \"states\": [[]], \"starting_vertex_idx\": 0,"
            + " \"n_vertices\": 1, \"state_length\": 0, \"param_length\": 0, \"metadata\": {\"x\": 1e999}}",
        "{\"metadata\": [], \"is_discrete\": \"yes\", \"operations\": []}"})
    void edgeCasesReadAlike(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Outcome expected = tree(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES);
        assertThat(streaming(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES)).isEqualTo(expected);
        fastAgrees(bytes, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES, expected, text);
        byte[] gz = DeterministicGzip.compress(bytes);
        assertThat(streaming(gz, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES)).isEqualTo(tree(gz, TraceCodec.DEFAULT_MAX_DECOMPRESSED_BYTES));
    }

    /** A random trace document: varying size, op types as upper-case names, lower-case names or codes. */
    static ObjectNode validDocument(Random random) {
        int paramLength = random.nextInt(3);
        int format = random.nextInt(3);
        ArrayNode ops = NODES.arrayNode();
        int nOps = 1 + random.nextInt(random.nextBoolean() ? 8 : 120);
        for (int i = 0; i < nOps; i++) {
            ObjectNode op = NODES.objectNode();
            OpType type = i == 0 ? OpType.CONST : OpType.values()[random.nextInt(OpType.values().length)];
            if (type == OpType.PARAM && paramLength == 0) {
                type = OpType.CONST;
            }
            op.set("op_type", switch (format) {
                case 0 -> NODES.textNode(type.name());
                case 1 -> NODES.textNode(type.name().toLowerCase(Locale.ROOT));
                default -> NODES.numberNode(type.code());
            });
            ArrayNode operands = op.putArray("operands");
            int arity = switch (type) {
                case CONST, PARAM, DOT -> 0;
                case INV -> 1;
                case ADD, MUL, DIV -> 2;
                case SUM -> random.nextInt(4);
            };
            for (int k = 0; k < arity; k++) {
                operands.add(random.nextInt(i));
            }
            op.set("const_value", type == OpType.CONST ? NODES.numberNode(random.nextInt(5) == 0
                    ? random.nextInt(100) : random.nextDouble() * 10) : NODES.nullNode());
            op.set("param_idx", type == OpType.PARAM ? NODES.numberNode(random.nextInt(paramLength)) : NODES.nullNode());
            if (type == OpType.DOT) {
                ArrayNode c = op.putArray("coefficients");
                for (int k = 0; k < paramLength; k++) {
                    c.add(random.nextDouble());
                }
            } else if (random.nextBoolean()) {
                op.putNull("coefficients");
            }
            if (arity == 0 && random.nextInt(10) == 0) {
                op.remove("operands");
            }
            ops.add(op);
        }
        int n = 1 + random.nextInt(random.nextBoolean() ? 6 : 200);
        int stateLength = random.nextInt(3);
        ArrayNode rates = NODES.arrayNode();
        ArrayNode probs = NODES.arrayNode();
        ArrayNode targets = NODES.arrayNode();
        ArrayNode states = NODES.arrayNode();
        for (int v = 0; v < n; v++) {
            rates.add(random.nextInt(nOps));
            ArrayNode p = probs.addArray();
            ArrayNode t = targets.addArray();
            int edges = random.nextInt(3);
            for (int e = 0; e < edges; e++) {
                p.add(random.nextInt(nOps));
                t.add(random.nextInt(n));
            }
            ArrayNode s = states.addArray();
            for (int k = 0; k < stateLength; k++) {
                s.add(random.nextInt(50));
            }
        }
        ObjectNode doc = NODES.objectNode();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(List.of(
                Map.entry("operations", ops), Map.entry("vertex_rates", rates), Map.entry("edge_probs", probs),
                Map.entry("vertex_targets", targets), Map.entry("states", states),
                Map.entry("starting_vertex_idx", NODES.numberNode(random.nextInt(n))),
                Map.entry("n_vertices", NODES.numberNode(n)), Map.entry("state_length", NODES.numberNode(stateLength)),
                Map.entry("param_length", NODES.numberNode(paramLength)),
                Map.entry("is_discrete", random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode()),
                Map.entry("metadata", metadata(random)),
                Map.entry("extra_" + random.nextInt(3), randomValue(random))));
        if (random.nextBoolean()) {
            Collections.shuffle(fields, random);
        }
        for (Map.Entry<String, JsonNode> f : fields) {
            doc.set(f.getKey(), f.getValue());
        }
        return doc;
    }

    private static JsonNode metadata(Random random) {
        ObjectNode m = NODES.objectNode();
        m.put("model", "kingman-coalescent").put("samples", random.nextInt(1000)).put("theta", random.nextDouble());
        m.put("big", new BigInteger("123456789012345678901234567890")).put("long", 1L << 40);
        m.putArray("list").add(1).add("two").addNull().add(true).addObject().put("x", 1.5);
        return random.nextInt(8) == 0 ? NODES.nullNode() : m;
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("x");
            case 2 -> NODES.textNode("a rather long string value, longer than forty characters");
            case 3 -> NODES.numberNode(1.5);
            case 4 -> NODES.numberNode(1L << 40);
            case 5 -> NODES.numberNode(new BigInteger("99999999999999999999999"));
            case 6 -> NODES.booleanNode(true);
            case 7 -> NODES.objectNode().put("k", 1);
            case 8 -> NODES.arrayNode().add(1).add(2);
            case 9 -> NODES.arrayNode();
            case 10 -> NODES.numberNode(-1);
            case 11 -> NODES.numberNode(1_000_000);
            case 12 -> NODES.textNode("mul");
            case 13 -> NODES.numberNode(9);
            case 14 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            default -> NODES.arrayNode().addNull();
        };
    }

    /** Deletes or replaces one random value anywhere in the document. */
    private static void mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target.isEmpty()) {
            return;
        }
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(3) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue(random));
            }
        } else if (target instanceof ArrayNode array) {
            int index = random.nextInt(array.size());
            if (random.nextInt(4) == 0) {
                array.remove(index);
            } else {
                array.set(index, randomValue(random));
            }
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, into));
        }
    }

    private static byte[] encode(JsonNode doc, Random random) {
        try {
            String text = random.nextBoolean() ? MAPPER.writeValueAsString(doc)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return random.nextBoolean() ? DeterministicGzip.compress(bytes) : bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sometimes breaks the bytes: truncation (of JSON or gzip), a flipped byte, a duplicate key, trailing text. */
    private static byte[] mutateBytes(byte[] bytes, Random random) {
        boolean gzip = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        switch (random.nextInt(9)) {
            case 0:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1: {
                byte[] copy = bytes.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 2:
                return gzip ? bytes : append(bytes, random.nextBoolean() ? " {\"a\": 1}" : " ]");
            case 3:
                return gzip ? bytes : duplicateKey(bytes, random);
            default:
                return bytes;
        }
    }

    private static byte[] append(byte[] bytes, String text) {
        byte[] tail = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, out, bytes.length, tail.length);
        return out;
    }

    /** Repeats a field of the root object or of an operation, with a wrong or a valid value. */
    private static byte[] duplicateKey(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] keys = {"\"operations\"", "\"n_vertices\"", "\"op_type\"", "\"operands\"", "\"vertex_rates\"",
            "\"metadata\"", "\"states\""};
        String key = keys[random.nextInt(keys.length)];
        int at = text.indexOf(key);
        if (at < 0) {
            return bytes;
        }
        String value = random.nextBoolean() ? "\"dup\"" : "[0]";
        return (text.substring(0, at) + key + ": " + value + ", " + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }
}
