package org.phasic.traces.app.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.domain.trace.Operation;

/**
 * The codec's former reader, kept as the reference for {@link StreamingTraceReader}: the whole document
 * as a Jackson tree, then every value checked, naming the path of every bad value.
 */
final class TreeTraceReader {
    /** Reads like {@link JacksonTraceCodec#read} did before it streamed. */
    static EliminationTrace read(InputStream in, long maxDecompressedBytes) throws IOException {
        JsonNode root;
        try {
            root = JacksonTraceCodec.mapper().readTree(
                    DeterministicGzip.openContent(in, maxDecompressedBytes, "decompressed trace"));
        } catch (JsonProcessingException e) {
            throw JacksonTraceCodec.malformed(e);
        } catch (ZipException | EOFException e) {
            throw JacksonTraceCodec.corruptGzip(e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTraceException("$", "must be a JSON object");
        }
        return new TreeTraceReader(root).trace();
    }

    private final JsonNode root;

    TreeTraceReader(JsonNode root) {
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
            throw new InvalidTraceException("is_discrete", "must be true or false, got " + StreamingTraceReader.describe(discrete));
        }
        JsonNode metadata = root.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new InvalidTraceException("metadata", "must be a JSON object, got " + metadata.getNodeType());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = metadata == null || metadata.isNull() ? Map.of()
                : JacksonTraceCodec.mapper().convertValue(metadata, Map.class);
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
        throw new InvalidTraceException(path, "must be an op name or an integer code 0-7, got " + StreamingTraceReader.describe(node));
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
            throw new InvalidTraceException(path, "must be an integer in the int range, got " + StreamingTraceReader.describe(node));
        }
        return node.intValue();
    }

    private static double number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw new InvalidTraceException(path, "must be a number, got " + StreamingTraceReader.describe(node));
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

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }
}
