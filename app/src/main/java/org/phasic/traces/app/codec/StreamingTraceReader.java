package org.phasic.traces.app.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.util.ClassUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.domain.trace.Operation;

/**
 * Reads a trace from a Jackson token stream into primitive arrays. A bad value does not stop the reading:
 * the first problem of each field is kept (its message built only then) and the rest of the document is
 * still tokenized, so that malformed JSON, corrupt gzip and the size limit take precedence exactly as
 * when the whole document is read first; the kept problems are then reported in the fixed field order
 * (operations, is_discrete, metadata, vertex_rates, edge_probs, vertex_targets, states, the four integers).
 * Duplicate keys: the last one wins. Fields other than the trace's are read as trees and ignored.
 */
final class StreamingTraceReader {
    private static final String[] INTEGER_FIELDS = {"starting_vertex_idx", "n_vertices", "state_length", "param_length"};

    private final ObjectMapper mapper;
    private final ObjectReader values;
    private final JsonParser p;

    private InvalidTraceException problem;

    private Slot operations;
    private Slot isDiscrete;
    private Slot metadata;
    private Slot vertexRates;
    private Slot edgeProbs;
    private Slot vertexTargets;
    private Slot states;
    private final Slot[] integers = new Slot[INTEGER_FIELDS.length];

    /** A field's value as read, or the first problem in it; {@code null} slot = absent. */
    private record Slot(Object value, InvalidTraceException problem, boolean isNull) {
    }

    StreamingTraceReader(ObjectMapper mapper, JsonParser parser) {
        this.mapper = mapper;
        this.values = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.p = parser;
    }

    EliminationTrace read() throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            JsonNode root = t == null ? null : mapper.readTree(p);
            if (root == null || !root.isObject()) {
                throw new InvalidTraceException("$", "must be a JSON object");
            }
        }
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "operations" -> operations = slot(this::operations);
                case "is_discrete" -> isDiscrete = slot(this::bool);
                case "metadata" -> metadata = slot(this::metadata);
                case "vertex_rates" -> vertexRates = slot(() -> ints("vertex_rates"));
                case "edge_probs" -> edgeProbs = slot(() -> rows("edge_probs"));
                case "vertex_targets" -> vertexTargets = slot(() -> rows("vertex_targets"));
                case "states" -> states = slot(() -> rows("states"));
                case "starting_vertex_idx" -> integers[0] = slot(() -> integer(INTEGER_FIELDS[0]));
                case "n_vertices" -> integers[1] = slot(() -> integer(INTEGER_FIELDS[1]));
                case "state_length" -> integers[2] = slot(() -> integer(INTEGER_FIELDS[2]));
                case "param_length" -> integers[3] = slot(() -> integer(INTEGER_FIELDS[3]));
                default -> tree();
            }
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw MismatchedInputException.from(p, JsonNode.class, String.format(
                    "Trailing token (of type %s) found after value (bound as %s): not allowed as per"
                            + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                    trailing, ClassUtil.nameOf(JsonNode.class)));
        }
        return trace();
    }

    private EliminationTrace trace() {
        @SuppressWarnings("unchecked")
        List<Operation> ops = (List<Operation>) required(operations, "operations");
        if (isDiscrete != null && isDiscrete.problem() != null) {
            throw isDiscrete.problem();
        }
        if (metadata != null && metadata.problem() != null) {
            throw metadata.problem();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = metadata == null || metadata.isNull() ? Map.of()
                : mapper.convertValue(metadata.value(), Map.class);
        int[] rates = (int[]) required(vertexRates, "vertex_rates");
        int[][] probs = (int[][]) required(edgeProbs, "edge_probs");
        int[][] targets = (int[][]) required(vertexTargets, "vertex_targets");
        int[][] stateRows = (int[][]) required(states, "states");
        int[] ints = new int[INTEGER_FIELDS.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (Integer) required(integers[i], INTEGER_FIELDS[i]);
        }
        boolean discrete = isDiscrete != null && !isDiscrete.isNull() && (Boolean) isDiscrete.value();
        return new EliminationTrace(ops, rates, probs, targets, stateRows, ints[0], ints[1], ints[2], ints[3],
                discrete, meta);
    }

    private static Object required(Slot slot, String path) {
        if (slot == null || slot.isNull()) {
            throw new InvalidTraceException(path, "missing");
        }
        if (slot.problem() != null) {
            throw slot.problem();
        }
        return slot.value();
    }

    @FunctionalInterface
    private interface ValueReader {
        Object read() throws IOException;
    }

    /** Reads the value at the current token into a slot; a JSON null is kept as such. */
    private Slot slot(ValueReader reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return new Slot(null, null, true);
        }
        problem = null;
        Object value = reader.read();
        InvalidTraceException found = problem;
        problem = null;
        return new Slot(found == null ? value : null, found, false);
    }

    /** Records the first problem of the value being read. */
    private void fail(String path, String message) {
        if (problem == null) {
            problem = new InvalidTraceException(path, message);
        }
    }

    private List<Operation> operations() throws IOException {
        if (!isArrayStart("operations")) {
            return null;
        }
        List<Operation> ops = new ArrayList<>();
        OperationFields fields = new OperationFields();
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            if (problem != null) {
                tree();
                continue;
            }
            Operation op = operation(fields, i);
            if (op != null) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** Per operation: each field's value or its problem, so they can be checked in the fixed order. */
    private static final class OperationFields {
        final Slot[] slots = new Slot[5];
    }

    private static final String[] OPERATION_FIELDS = {"op_type", "operands", "const_value", "param_idx", "coefficients"};

    private Operation operation(OperationFields fields, int i) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            fail(at(i), "must be a JSON object, got " + tree().getNodeType());
            return null;
        }
        Slot[] slots = fields.slots;
        Arrays.fill(slots, null);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int field = switch (name) {
                case "op_type" -> 0;
                case "operands" -> 1;
                case "const_value" -> 2;
                case "param_idx" -> 3;
                case "coefficients" -> 4;
                default -> -1;
            };
            if (field < 0) {
                tree();
                continue;
            }
            slots[field] = slot(() -> switch (field) {
                case 0 -> opType(i);
                case 1 -> ints(at(i) + ".operands");
                case 2 -> number(at(i) + ".const_value");
                case 3 -> integer(at(i) + ".param_idx");
                default -> numbers(at(i) + ".coefficients");
            });
        }
        for (int f = 0; f < slots.length; f++) {
            Slot s = slots[f];
            if (f == 0 && (s == null || s.isNull())) {
                fail(at(i) + "." + OPERATION_FIELDS[0], "missing");
                return null;
            }
            if (s != null && s.problem() != null) {
                problem = s.problem();
                return null;
            }
        }
        return Operation.of((OpType) slots[0].value(), present(slots[1]) ? (int[]) slots[1].value() : new int[0],
                present(slots[2]) ? (Double) slots[2].value() : null,
                present(slots[3]) ? (Integer) slots[3].value() : null,
                present(slots[4]) ? (double[]) slots[4].value() : null);
    }

    private static boolean present(Slot s) {
        return s != null && !s.isNull();
    }

    private static String at(int i) {
        return "operations[" + i + "]";
    }

    private OpType opType(int i) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_STRING) {
                return OpType.parse(p.getText());
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return OpType.fromCode(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().longValue() : p.getLongValue());
            }
        } catch (IllegalArgumentException e) {
            fail(at(i) + ".op_type", e.getMessage());
            return null;
        }
        fail(at(i) + ".op_type", "must be an op name or an integer code 0-7, got " + describe(tree()));
        return null;
    }

    private Boolean bool() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        fail("is_discrete", "must be true or false, got " + describe(tree()));
        return null;
    }

    private JsonNode metadata() throws IOException {
        JsonNode node = tree();
        if (!node.isObject()) {
            fail("metadata", "must be a JSON object, got " + node.getNodeType());
        }
        return node;
    }

    private int[][] rows(String field) throws IOException {
        if (!isArrayStart(field)) {
            return null;
        }
        int[][] rows = new int[16][];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                tree();
                continue;
            }
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n] = ints(field + "[" + n + "]");
        }
        return problem != null ? null : Arrays.copyOf(rows, n);
    }

    /** Reads an array of ints; the path is only turned into a message when something is wrong. */
    private int[] ints(String path) throws IOException {
        if (!isArrayStart(path)) {
            return null;
        }
        int[] values = new int[8];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                tree();
                continue;
            }
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n] = p.getIntValue();
            } else {
                fail(path + "[" + n + "]", notAnInt());
            }
        }
        return problem != null ? null : Arrays.copyOf(values, n);
    }

    private double[] numbers(String path) throws IOException {
        if (!isArrayStart(path)) {
            return null;
        }
        double[] values = new double[8];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                tree();
                continue;
            }
            if (t.isNumeric()) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n] = p.getDoubleValue();
            } else {
                fail(path + "[" + n + "]", notANumber());
            }
        }
        return problem != null ? null : Arrays.copyOf(values, n);
    }

    private Integer integer(String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        fail(path, notAnInt());
        return null;
    }

    private Double number(String path) throws IOException {
        if (p.currentToken().isNumeric()) {
            return p.getDoubleValue();
        }
        fail(path, notANumber());
        return null;
    }

    private String notAnInt() throws IOException {
        return "must be an integer in the int range, got " + describe(tree());
    }

    private String notANumber() throws IOException {
        return "must be a number, got " + describe(tree());
    }

    /** True at the start of an array; else records the problem, consumes the value and returns false. */
    private boolean isArrayStart(String path) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        JsonNodeType type = tree().getNodeType();
        fail(path, "must be an array, got " + type);
        return false;
    }

    /** The value at the current token as a tree (consuming it), as the tree reader would see it. */
    private JsonNode tree() throws IOException {
        return values.readTree(p);
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : node.getNodeType() + " " + text.substring(0, 37) + "...";
    }
}
