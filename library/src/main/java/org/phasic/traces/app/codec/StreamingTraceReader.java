package org.phasic.traces.app.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.domain.trace.Operation;

/**
 * Reads a trace from a Jackson token stream into primitive arrays, with the semantics of reading the whole
 * document as a tree first: a bad value does not stop the reading; the first problem of each field is kept
 * (its message and path built only then) and the rest of the document is still tokenized, so that malformed
 * JSON, corrupt gzip and the size limit take precedence; the kept problems are then reported in the fixed
 * field order (operations, is_discrete, metadata, vertex_rates, edge_probs, vertex_targets, states, the four
 * integers). Duplicate keys: the last one wins. Other fields are skipped. Jackson's data binding (the
 * codec's mapper) is used only to describe bad values, so that a good trace loads with the streaming core.
 */
final class StreamingTraceReader {
    private static final String[] INTEGER_FIELDS = {"starting_vertex_idx", "n_vertices", "state_length", "param_length"};
    private static final int[] NO_INTS = {};

    private final JsonParser p;

    /** The first problem in the value being read. */
    private InvalidTraceException problem;

    private Object operations;
    private Object isDiscrete;
    private Object metadata;
    private Object vertexRates;
    private Object edgeProbs;
    private Object vertexTargets;
    private Object states;
    private final Object[] integers = new Object[INTEGER_FIELDS.length];

    /** A field present with the JSON value null. */
    private static final Object NULL = new Object();

    /** @param parser positioned before the document */
    StreamingTraceReader(JsonParser parser) {
        this.p = parser;
    }

    /** Reads the trace in {@code in} (gzip'd or plain), mapping Jackson's and gzip's failures. */
    static EliminationTrace read(JsonFactory factory, InputStream in, long maxDecompressedBytes) throws IOException {
        try (JsonParser parser = factory.createParser(
                DeterministicGzip.openContent(in, maxDecompressedBytes, JacksonTraceCodec.CONTENT))) {
            return new StreamingTraceReader(parser).read();
        } catch (JsonProcessingException e) {
            throw JacksonTraceCodec.malformed(e);
        } catch (ZipException | EOFException e) {
            throw JacksonTraceCodec.corruptGzip(e);
        }
    }

    EliminationTrace read() throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            JsonNode root = t == null ? null : JacksonTraceCodec.mapper().readTree(p);
            if (root == null || !root.isObject()) {
                throw new InvalidTraceException("$", "must be a JSON object");
            }
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "operations" -> operations = value == JsonToken.VALUE_NULL ? NULL : kept(operations());
                case "is_discrete" -> isDiscrete = value == JsonToken.VALUE_NULL ? NULL : kept(bool());
                case "metadata" -> metadata = value == JsonToken.VALUE_NULL ? NULL : kept(metadata());
                case "vertex_rates" -> vertexRates = value == JsonToken.VALUE_NULL ? NULL : kept(ints(name, -1, null));
                case "edge_probs" -> edgeProbs = value == JsonToken.VALUE_NULL ? NULL : kept(rows(name));
                case "vertex_targets" -> vertexTargets = value == JsonToken.VALUE_NULL ? NULL : kept(rows(name));
                case "states" -> states = value == JsonToken.VALUE_NULL ? NULL : kept(rows(name));
                case "starting_vertex_idx" -> integers[0] = value == JsonToken.VALUE_NULL ? NULL : kept(integer(name));
                case "n_vertices" -> integers[1] = value == JsonToken.VALUE_NULL ? NULL : kept(integer(name));
                case "state_length" -> integers[2] = value == JsonToken.VALUE_NULL ? NULL : kept(integer(name));
                case "param_length" -> integers[3] = value == JsonToken.VALUE_NULL ? NULL : kept(integer(name));
                default -> skipValue();
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

    /** The value read, or the problem found in it (then cleared for the next field). */
    private Object kept(Object value) {
        InvalidTraceException found = problem;
        problem = null;
        return found != null ? found : value;
    }

    private EliminationTrace trace() {
        @SuppressWarnings("unchecked")
        List<Operation> ops = (List<Operation>) required(operations, "operations");
        throwIfProblem(isDiscrete);
        throwIfProblem(metadata);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = metadata == null || metadata == NULL ? Map.of() : (Map<String, Object>) metadata;
        int[] rates = (int[]) required(vertexRates, "vertex_rates");
        int[][] probs = (int[][]) required(edgeProbs, "edge_probs");
        int[][] targets = (int[][]) required(vertexTargets, "vertex_targets");
        int[][] stateRows = (int[][]) required(states, "states");
        int[] ints = new int[INTEGER_FIELDS.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (Integer) required(integers[i], INTEGER_FIELDS[i]);
        }
        boolean discrete = isDiscrete instanceof Boolean b && b;
        return new EliminationTrace(ops, rates, probs, targets, stateRows, ints[0], ints[1], ints[2], ints[3],
                discrete, meta);
    }

    private static Object required(Object slot, String path) {
        if (slot == null || slot == NULL) {
            throw new InvalidTraceException(path, "missing");
        }
        throwIfProblem(slot);
        return slot;
    }

    private static void throwIfProblem(Object slot) {
        if (slot instanceof InvalidTraceException e) {
            throw e;
        }
    }

    /** Records the first problem of the value being read. */
    private void fail(String path, String message) {
        if (problem == null) {
            problem = new InvalidTraceException(path, message);
        }
    }

    /** {@code prefix}, {@code prefix[index]} or {@code prefix[index]suffix}: built only for a message. */
    private static String path(String prefix, int index, String suffix) {
        return index < 0 ? prefix : prefix + "[" + index + "]" + (suffix == null ? "" : suffix);
    }

    private List<Operation> operations() throws IOException {
        if (!isArrayStart("operations", -1, null)) {
            return null;
        }
        List<Operation> ops = new ArrayList<>();
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            if (problem != null) {
                skipValue();
            } else {
                Operation op = operation(i);
                if (op != null) {
                    ops.add(op);
                }
            }
        }
        return ops;
    }

    private static final int OP_TYPE = 0;
    private static final int OPERANDS = 1;
    private static final int CONST_VALUE = 2;
    private static final int PARAM_IDX = 3;
    private static final int COEFFICIENTS = 4;
    private static final String[] OPERATION_FIELDS = {".op_type", ".operands", ".const_value", ".param_idx",
        ".coefficients"};

    /** One operation; its fields' problems are reported in the order op_type, operands, const_value, ... */
    private Operation operation(int i) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            fail(path("operations", i, null), "must be a JSON object, got " + tree().getNodeType());
            return null;
        }
        OpType type = null;
        int[] operands = null;
        Double constValue = null;
        Integer paramIdx = null;
        double[] coefficients = null;
        InvalidTraceException[] problems = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int field;
            switch (name) {
                case "op_type" -> {
                    field = OP_TYPE;
                    type = t == JsonToken.VALUE_NULL ? null : opType(i);
                }
                case "operands" -> {
                    field = OPERANDS;
                    operands = t == JsonToken.VALUE_NULL ? null : ints("operations", i, OPERATION_FIELDS[OPERANDS]);
                }
                case "const_value" -> {
                    field = CONST_VALUE;
                    constValue = t == JsonToken.VALUE_NULL ? null : number("operations", i, OPERATION_FIELDS[CONST_VALUE]);
                }
                case "param_idx" -> {
                    field = PARAM_IDX;
                    paramIdx = t == JsonToken.VALUE_NULL ? null : integer(path("operations", i, OPERATION_FIELDS[PARAM_IDX]));
                }
                case "coefficients" -> {
                    field = COEFFICIENTS;
                    coefficients = t == JsonToken.VALUE_NULL ? null
                            : numbers("operations", i, OPERATION_FIELDS[COEFFICIENTS]);
                }
                default -> {
                    field = -1;
                    skipValue();
                }
            }
            if (field >= 0 && (problem != null || problems != null)) {
                if (problems == null) {
                    problems = new InvalidTraceException[OPERATION_FIELDS.length];
                }
                problems[field] = problem;
                problem = null;
            }
        }
        if (problems != null && problems[OP_TYPE] != null) {
            problem = problems[OP_TYPE];
            return null;
        }
        if (type == null) {
            fail(path("operations", i, OPERATION_FIELDS[OP_TYPE]), "missing");
            return null;
        }
        if (problems != null) {
            for (InvalidTraceException e : problems) {
                if (e != null) {
                    problem = e;
                    return null;
                }
            }
        }
        return Operation.of(type, operands == null ? NO_INTS : operands, constValue, paramIdx, coefficients);
    }

    private OpType opType(int i) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_STRING) {
                String text = p.getText();
                OpType known = upperCaseName(text);
                return known != null ? known : OpType.parse(text);
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return OpType.fromCode(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().longValue() : p.getLongValue());
            }
        } catch (IllegalArgumentException e) {
            fail(path("operations", i, OPERATION_FIELDS[OP_TYPE]), e.getMessage());
            return null;
        }
        fail(path("operations", i, OPERATION_FIELDS[OP_TYPE]),
                "must be an op name or an integer code 0-7, got " + describe(tree()));
        return null;
    }

    /** The common case, published upper-case names, without {@link OpType#parse}'s general handling. */
    private static OpType upperCaseName(String text) {
        return switch (text) {
            case "CONST" -> OpType.CONST;
            case "PARAM" -> OpType.PARAM;
            case "DOT" -> OpType.DOT;
            case "ADD" -> OpType.ADD;
            case "MUL" -> OpType.MUL;
            case "DIV" -> OpType.DIV;
            case "INV" -> OpType.INV;
            case "SUM" -> OpType.SUM;
            default -> null;
        };
    }

    private Boolean bool() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        fail("is_discrete", "must be true or false, got " + describe(tree()));
        return null;
    }

    /** Metadata as data binding would convert it to a Map: Integer, Long, BigInteger, Double, ... in file order. */
    private Map<String, Object> metadata() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            fail("metadata", "must be a JSON object, got " + tree().getNodeType());
            return null;
        }
        return object();
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value());
        }
        return map;
    }

    private Object value() throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value());
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected token " + p.currentToken());
        };
    }

    private int[][] rows(String field) throws IOException {
        if (!isArrayStart(field, -1, null)) {
            return null;
        }
        int[][] rows = new int[16][];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                skipValue();
                continue;
            }
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, n * 2);
            }
            rows[n] = ints(field, n, null);
        }
        return problem != null ? null : Arrays.copyOf(rows, n);
    }

    /** An array of ints at {@link #path(String, int, String)}, built only for a message. */
    private int[] ints(String prefix, int index, String suffix) throws IOException {
        if (!isArrayStart(prefix, index, suffix)) {
            return null;
        }
        int[] values = new int[4];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                skipValue();
                continue;
            }
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n] = p.getIntValue();
            } else {
                fail(path(prefix, index, suffix) + "[" + n + "]", notAnInt());
            }
        }
        return problem != null ? null : n == values.length ? values : Arrays.copyOf(values, n);
    }

    private double[] numbers(String prefix, int index, String suffix) throws IOException {
        if (!isArrayStart(prefix, index, suffix)) {
            return null;
        }
        double[] values = new double[4];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (problem != null) {
                skipValue();
                continue;
            }
            if (t.isNumeric()) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n] = p.getDoubleValue();
            } else {
                fail(path(prefix, index, suffix) + "[" + n + "]", notANumber());
            }
        }
        return problem != null ? null : n == values.length ? values : Arrays.copyOf(values, n);
    }

    private Integer integer(String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        fail(path, notAnInt());
        return null;
    }

    private Double number(String prefix, int index, String suffix) throws IOException {
        if (p.currentToken().isNumeric()) {
            return p.getDoubleValue();
        }
        fail(path(prefix, index, suffix), notANumber());
        return null;
    }

    private String notAnInt() throws IOException {
        return "must be an integer in the int range, got " + describe(tree());
    }

    private String notANumber() throws IOException {
        return "must be a number, got " + describe(tree());
    }

    /** True at the start of an array; else records the problem, consumes the value and returns false. */
    private boolean isArrayStart(String prefix, int index, String suffix) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        fail(path(prefix, index, suffix), "must be an array, got " + tree().getNodeType());
        return false;
    }

    /**
     * Consumes the value at the current token, touching every string as a tree would (so that the parser's
     * limits apply alike).
     */
    private void skipValue() throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        do {
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING) {
                p.getText();
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                p.getNumberType();
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        } while (t != null);
    }

    /** The value at the current token as a tree (consuming it), as the tree reader would see it. */
    private JsonNode tree() throws IOException {
        return JacksonTraceCodec.mapper().readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(p);
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : node.getNodeType() + " " + text.substring(0, 37) + "...";
    }
}
