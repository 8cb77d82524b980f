package org.phasic.traces.app.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipException;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.domain.trace.Operation;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * {@link TraceCodec} with Jackson. Reading is tolerant in form (op types as upper- or lower-case
 * names or integer codes; absent operation fields) and strict in content: every value is checked
 * and a bad one is an {@link InvalidTraceException} naming its field and index. Writing is
 * deterministic: fixed field order, compact, and doubles written by Jackson's own shortest-repr
 * writer so the text does not depend on the JDK's {@code Double.toString}.
 */
public final class JacksonTraceCodec implements TraceCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .build())
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final long maxDecompressedBytes;

    /** A codec with the default size limit ({@link TraceCodec#DEFAULT_MAX_DECOMPRESSED_BYTES}). */
    public JacksonTraceCodec() {
        this(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** A codec that refuses trace content larger than {@code maxDecompressedBytes}. */
    public JacksonTraceCodec(long maxDecompressedBytes) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be > 0, got " + maxDecompressedBytes);
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    @Override
    public EliminationTrace read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        JsonNode root;
        try {
            root = MAPPER.readTree(DeterministicGzip.openContent(in, maxDecompressedBytes, "decompressed trace"));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidTraceException("$", "malformed JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (ZipException | EOFException e) {
            throw new InvalidTraceException("$", "corrupt gzip data: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTraceException("$", "must be a JSON object");
        }
        return new Reader(root).trace();
    }

    @Override
    public byte[] toJson(EliminationTrace trace) {
        Objects.requireNonNull(trace, "trace");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("operations");
            for (Operation op : trace.operations()) {
                writeOperation(g, op);
            }
            g.writeEndArray();
            g.writeFieldName("vertex_rates");
            writeInts(g, trace.vertexRates());
            writeRows(g, "edge_probs", trace.edgeProbs());
            writeRows(g, "vertex_targets", trace.vertexTargets());
            writeRows(g, "states", trace.states());
            g.writeNumberField("starting_vertex_idx", trace.startingVertexIdx());
            g.writeNumberField("n_vertices", trace.nVertices());
            g.writeNumberField("state_length", trace.stateLength());
            g.writeNumberField("param_length", trace.paramLength());
            g.writeBooleanField("is_discrete", trace.isDiscrete());
            g.writeFieldName("metadata");
            MAPPER.writeValue(g, trace.metadata());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] toGzip(EliminationTrace trace) {
        return DeterministicGzip.compress(toJson(trace));
    }

    private static void writeOperation(JsonGenerator g, Operation op) throws IOException {
        g.writeStartObject();
        g.writeStringField("op_type", op.type().name());
        g.writeFieldName("operands");
        writeInts(g, op.operands());
        g.writeFieldName("const_value");
        if (op.constValue().isPresent()) {
            g.writeNumber(op.constValue().getAsDouble());
        } else {
            g.writeNull();
        }
        g.writeFieldName("param_idx");
        if (op.paramIdx().isPresent()) {
            g.writeNumber(op.paramIdx().getAsInt());
        } else {
            g.writeNull();
        }
        g.writeFieldName("coefficients");
        double[] c = op.coefficients().orElse(null);
        if (c == null) {
            g.writeNull();
        } else {
            g.writeArray(c, 0, c.length);
        }
        g.writeEndObject();
    }

    private static void writeRows(JsonGenerator g, String field, int[][] rows) throws IOException {
        g.writeArrayFieldStart(field);
        for (int[] row : rows) {
            writeInts(g, row);
        }
        g.writeEndArray();
    }

    private static void writeInts(JsonGenerator g, int[] values) throws IOException {
        g.writeArray(values, 0, values.length);
    }

    /** Turns a JSON tree into a trace, naming the path of every bad value. */
    private static final class Reader {
        private final JsonNode root;

        Reader(JsonNode root) {
            this.root = root;
        }

        EliminationTrace trace() {
            JsonNode ops = required(root, "operations", "operations");
            requireArray(ops, "operations");
            List<Operation> operations = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                operations.add(operation(ops.get(i), "operations[" + i + "]"));
            }
            JsonNode discrete = root.get("is_discrete");
            if (discrete != null && !discrete.isNull() && !discrete.isBoolean()) {
                throw new InvalidTraceException("is_discrete", "must be true or false, got " + describe(discrete));
            }
            JsonNode metadata = root.get("metadata");
            if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
                throw new InvalidTraceException("metadata", "must be a JSON object, got " + metadata.getNodeType());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = metadata == null || metadata.isNull() ? Map.of()
                    : MAPPER.convertValue(metadata, Map.class);
            return new EliminationTrace(operations,
                    ints(required(root, "vertex_rates", "vertex_rates"), "vertex_rates"),
                    rows("edge_probs"), rows("vertex_targets"), rows("states"),
                    integer(required(root, "starting_vertex_idx", "starting_vertex_idx"), "starting_vertex_idx"),
                    integer(required(root, "n_vertices", "n_vertices"), "n_vertices"),
                    integer(required(root, "state_length", "state_length"), "state_length"),
                    integer(required(root, "param_length", "param_length"), "param_length"),
                    discrete != null && discrete.asBoolean(), meta);
        }

        private static Operation operation(JsonNode node, String path) {
            if (!node.isObject()) {
                throw new InvalidTraceException(path, "must be a JSON object, got " + node.getNodeType());
            }
            OpType type = opType(required(node, "op_type", path + ".op_type"), path + ".op_type");
            JsonNode operands = node.get("operands");
            int[] operandIndices = operands == null || operands.isNull() ? new int[0] : ints(operands, path + ".operands");
            JsonNode constValue = node.get("const_value");
            JsonNode paramIdx = node.get("param_idx");
            JsonNode coefficients = node.get("coefficients");
            return Operation.of(type, operandIndices,
                    absent(constValue) ? null : number(constValue, path + ".const_value"),
                    absent(paramIdx) ? null : integer(paramIdx, path + ".param_idx"),
                    absent(coefficients) ? null : numbers(coefficients, path + ".coefficients"));
        }

        private static OpType opType(JsonNode node, String path) {
            try {
                if (node.isTextual()) {
                    return OpType.parse(node.textValue());
                }
                if (node.isIntegralNumber()) {
                    return OpType.fromCode(node.longValue());
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidTraceException(path, e.getMessage());
            }
            throw new InvalidTraceException(path, "must be an op name or an integer code 0-7, got " + describe(node));
        }

        private int[][] rows(String field) {
            JsonNode node = required(root, field, field);
            requireArray(node, field);
            int[][] rows = new int[node.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = ints(node.get(i), field + "[" + i + "]");
            }
            return rows;
        }

        private static int[] ints(JsonNode node, String path) {
            requireArray(node, path);
            int[] values = new int[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = integer(node.get(i), path + "[" + i + "]");
            }
            return values;
        }

        private static double[] numbers(JsonNode node, String path) {
            requireArray(node, path);
            double[] values = new double[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(node.get(i), path + "[" + i + "]");
            }
            return values;
        }

        private static int integer(JsonNode node, String path) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new InvalidTraceException(path, "must be an integer in the int range, got " + describe(node));
            }
            return node.intValue();
        }

        private static double number(JsonNode node, String path) {
            if (!node.isNumber()) {
                throw new InvalidTraceException(path, "must be a number, got " + describe(node));
            }
            return node.doubleValue();
        }

        private static JsonNode required(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            if (absent(node)) {
                throw new InvalidTraceException(path, "missing");
            }
            return node;
        }

        private static void requireArray(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw new InvalidTraceException(path, "must be an array, got " + (node == null ? "nothing" : node.getNodeType()));
            }
        }

        private static String describe(JsonNode node) {
            String text = node.toString();
            return text.length() <= 40 ? text : node.getNodeType() + " " + text.substring(0, 37) + "...";
        }

        private static boolean absent(JsonNode node) {
            return node == null || node.isNull();
        }
    }
}
