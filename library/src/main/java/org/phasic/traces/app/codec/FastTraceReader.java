package org.phasic.traces.app.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.OpType;
import org.phasic.traces.domain.trace.Operation;

/**
 * The fast path of reading a trace: the whole content decompressed into memory and scanned byte by byte, without
 * Jackson. It takes only what it can read exactly as {@link StreamingTraceReader} would: a UTF-8 JSON object with
 * the standard whitespace, each known field at most once, op types as upper- or lower-case names or integer codes,
 * integers of at most nine digits, numbers of plain JSON syntax, ASCII strings without escapes, and a trace that
 * passes validation. For anything else (any error included) it answers {@code null}, and the caller reads the
 * same bytes with the streaming reader, which then defines the result or the error.
 */
final class FastTraceReader {
    /** Larger content is left to the streaming reader, so that a gzip bomb never fills memory. */
    static final int MAX_CONTENT = 32 << 20;

    private static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int MAX_STRING_LENGTH = 1 << 16;
    private static final int[] NO_INTS = {};
    private static final OpType[] OP_TYPES = OpType.values();

    /** Top-level fields, by bit. */
    private static final String[] FIELDS = {"operations", "vertex_rates", "edge_probs", "vertex_targets", "states",
        "starting_vertex_idx", "n_vertices", "state_length", "param_length", "is_discrete", "metadata"};
    private static final int OPERATIONS = 0;
    private static final int VERTEX_RATES = 1;
    private static final int EDGE_PROBS = 2;
    private static final int VERTEX_TARGETS = 3;
    private static final int STATES = 4;
    private static final int STARTING_VERTEX_IDX = 5;
    private static final int N_VERTICES = 6;
    private static final int STATE_LENGTH = 7;
    private static final int PARAM_LENGTH = 8;
    private static final int IS_DISCRETE = 9;
    private static final int METADATA = 10;
    private static final int REQUIRED = (1 << IS_DISCRETE) - 1;

    /** Operation fields, by bit. */
    private static final String[] OPERATION_FIELDS = {"op_type", "operands", "const_value", "param_idx",
        "coefficients"};
    private static final byte[][] FIELD_BYTES = ascii(FIELDS);
    private static final byte[][] OPERATION_FIELD_BYTES = ascii(OPERATION_FIELDS);

    /** Thrown (without a stack trace) where the document leaves this reader's subset. */
    private static final class Unhandled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unhandled() {
            super(null, null, false, false);
        }
    }

    private static final Unhandled UNHANDLED = new Unhandled();

    private final byte[] b;
    private final int end;
    private int i;
    private int[] intScratch = new int[16];
    private double[] doubleScratch = new double[4];

    private FastTraceReader(byte[] content, int length) {
        this.b = content;
        this.end = length;
    }

    /**
     * The trace in {@code raw} (gzip'd or plain), or {@code null} when the streaming reader must read it: the
     * content is broken, over the limit, larger than {@link #MAX_CONTENT}, or outside this reader's subset.
     */
    static EliminationTrace read(byte[] raw, int rawLength, long maxDecompressedBytes) {
        FastTraceReader reader;
        if (rawLength >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            reader = gunzip(raw, rawLength, Math.min(maxDecompressedBytes, MAX_CONTENT));
        } else {
            reader = rawLength <= maxDecompressedBytes ? new FastTraceReader(raw, rawLength) : null;
        }
        if (reader == null) {
            return null;
        }
        try {
            return reader.trace();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /**
     * A reader of the content of a gzip file of exactly one member, as {@link java.util.zip.GZIPInputStream} gives
     * it, in one inflation of the whole input (no header CRC; size and CRC checked); {@code null} for anything else
     * or more than {@code limit} bytes.
     */
    private static FastTraceReader gunzip(byte[] raw, int rawLength, long limit) {
        int flags = rawLength < 18 ? -1 : raw[3] & 0xff;
        if (flags < 0 || raw[2] != 8 || (flags & FHCRC) != 0) {
            return null;
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            at += 2 + ((raw[at] & 0xff) | (raw[at + 1] & 0xff) << 8);
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                while (at < rawLength && raw[at] != 0) {
                    at++;
                }
                at++;
            }
        }
        int trailer = rawLength - 8;
        if (at > trailer) {
            return null;
        }
        long size = littleEndian(raw, trailer + 4);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw, at, trailer - at);
            byte[] out = new byte[(int) Math.min(size, limit) + 1];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (n > limit) {
                        return null;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(2L * n, limit + 1));
                }
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                n += k;
            }
            CRC32 crc = new CRC32();
            crc.update(out, 0, n);
            if (n > limit || inflater.getRemaining() != 0 || crc.getValue() != littleEndian(raw, trailer)
                    || (n & 0xffffffffL) != size) {
                return null;
            }
            return new FastTraceReader(out, n);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static long littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    private EliminationTrace trace() {
        List<Operation> operations = null;
        int[] rates = null;
        int[][] probs = null;
        int[][] targets = null;
        int[][] states = null;
        int[] integers = new int[4];
        boolean discrete = false;
        Map<String, Object> metadata = Map.of();
        int seen = 0;
        ws();
        expect('{');
        ws();
        if (peek() != '}') {
            do {
                int field = member(FIELD_BYTES, seen);
                if (field >= 0) {
                    seen |= 1 << field;
                    switch (field) {
                        case OPERATIONS -> operations = operations();
                        case VERTEX_RATES -> rates = ints();
                        case EDGE_PROBS -> probs = rows();
                        case VERTEX_TARGETS -> targets = rows();
                        case STATES -> states = rows();
                        case IS_DISCRETE -> discrete = !nullLiteral() && bool();
                        case METADATA -> metadata = nullLiteral() ? Map.of() : object(1);
                        default -> integers[field - STARTING_VERTEX_IDX] = integer();
                    }
                }
                ws();
            } while (comma());
        }
        expect('}');
        ws();
        if (i != end || (seen & REQUIRED) != REQUIRED) {
            throw UNHANDLED;
        }
        return new EliminationTrace(operations, rates, probs, targets, states, integers[0], integers[1], integers[2],
                integers[3], discrete, metadata);
    }

    /**
     * Reads a member's key and colon: the index of a known key, positioned at its value, or -1 for an unknown key, whose
     * value is skipped; a known key {@code seen} before is not this path's to read.
     */
    private int member(byte[][] fields, int seen) {
        ws();
        int field = key(fields);
        ws();
        expect(':');
        ws();
        if (field < 0) {
            value(0);
            return -1;
        }
        if ((seen & 1 << field) != 0) {
            throw UNHANDLED;
        }
        return field;
    }

    private List<Operation> operations() {
        expect('[');
        ws();
        List<Operation> ops = new ArrayList<>();
        if (peek() == ']') {
            i++;
            return ops;
        }
        do {
            ws();
            ops.add(operation());
            ws();
        } while (comma());
        expect(']');
        return ops;
    }

    private Operation operation() {
        expect('{');
        ws();
        OpType type = null;
        int[] operands = null;
        Double constValue = null;
        Integer paramIdx = null;
        double[] coefficients = null;
        int seen = 0;
        if (peek() != '}') {
            do {
                int field = member(OPERATION_FIELD_BYTES, seen);
                if (field >= 0) {
                    seen |= 1 << field;
                    if (!nullLiteral()) {
                        switch (field) {
                            case 0 -> type = opType();
                            case 1 -> operands = ints();
                            case 2 -> constValue = number();
                            case 3 -> paramIdx = integer();
                            default -> coefficients = numbers();
                        }
                    }
                }
                ws();
            } while (comma());
        }
        expect('}');
        if (type == null) {
            throw UNHANDLED;
        }
        return Operation.of(type, operands == null ? NO_INTS : operands, constValue, paramIdx, coefficients);
    }

    private OpType opType() {
        if (peek() != '"') {
            int code = integer();
            if (code < 0 || code >= OP_TYPES.length) {
                throw UNHANDLED;
            }
            return OpType.fromCode(code);
        }
        int start = ++i;
        while (i < end && b[i] != '"') {
            i++;
        }
        int length = i - start;
        expect('"');
        for (OpType type : OP_TYPES) {
            String name = type.name();
            if (name.length() == length && (matches(name, start, 0) || matches(name, start, 'a' - 'A'))) {
                return type;
            }
        }
        throw UNHANDLED;
    }

    /** True when the bytes at {@code start} spell {@code name} with {@code shift} added to each letter. */
    private boolean matches(String name, int start, int shift) {
        for (int k = 0; k < name.length(); k++) {
            if (b[start + k] != name.charAt(k) + shift) {
                return false;
            }
        }
        return true;
    }

    /** A quoted key: the index of its name in {@code names}, or -1 for another name. */
    private int key(byte[][] names) {
        int start = i + 1;
        int length = string();
        for (int k = 0; k < names.length; k++) {
            if (names[k].length == length && spells(names[k], start)) {
                return k;
            }
        }
        return -1;
    }

    private boolean spells(byte[] name, int start) {
        for (int k = 0; k < name.length; k++) {
            if (b[start + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    /** Skips a quoted ASCII string without escapes; returns its length. */
    private int string() {
        expect('"');
        int start = i;
        int c;
        while (i < end && (c = b[i]) != '"') {
            if (c < 0x20 || c == '\\') {
                throw UNHANDLED;
            }
            i++;
        }
        int length = i - start;
        expect('"');
        if (length > MAX_STRING_LENGTH) {
            throw UNHANDLED;
        }
        return length;
    }

    private int[][] rows() {
        expect('[');
        ws();
        int[][] rows = new int[16][];
        int n = 0;
        if (peek() == ']') {
            i++;
            return new int[0][];
        }
        do {
            ws();
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, 2 * n);
            }
            rows[n++] = ints();
            ws();
        } while (comma());
        expect(']');
        return Arrays.copyOf(rows, n);
    }

    private int[] ints() {
        expect('[');
        ws();
        if (peek() == ']') {
            i++;
            return NO_INTS;
        }
        int[] values = intScratch;
        int n = 0;
        do {
            ws();
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
                intScratch = values;
            }
            values[n++] = integer();
            ws();
        } while (comma());
        expect(']');
        return Arrays.copyOf(values, n);
    }

    private double[] numbers() {
        expect('[');
        ws();
        if (peek() == ']') {
            i++;
            return new double[0];
        }
        double[] values = doubleScratch;
        int n = 0;
        do {
            ws();
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
                doubleScratch = values;
            }
            values[n++] = number();
            ws();
        } while (comma());
        expect(']');
        return Arrays.copyOf(values, n);
    }

    /** A JSON integer of at most nine digits (Jackson's int range for sure); a fraction or exponent is left out. */
    private int integer() {
        boolean negative = peek() == '-';
        if (negative) {
            i++;
        }
        int start = i;
        int value = 0;
        int c = peek();
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            do {
                value = 10 * value + c - '0';
                c = ++i < end ? b[i] : -1;
            } while (c >= '0' && c <= '9' && i - start < 9);
        } else {
            throw UNHANDLED;
        }
        c = peek();
        if (c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E') {
            throw UNHANDLED;
        }
        return negative ? -value : value;
    }

    /**
     * A JSON number as a double, as Jackson's {@code getDoubleValue} gives it: an integer token by conversion of its
     * value (so "-0" is 0.0), any other correctly rounded: exactly computed when its digits and power of ten are
     * exact doubles (one rounding, as {@link Double#parseDouble} does it), else by {@link Double#parseDouble}.
     */
    private double number() {
        int start = i;
        boolean negative = peek() == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int c = peek();
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            for (; i < end && (c = b[i]) >= '0' && c <= '9'; i++) {
                mantissa = 10 * mantissa + c - '0';
                significant++;
            }
        } else {
            throw UNHANDLED;
        }
        boolean integral = true;
        int scale = 0;
        if (peek() == '.') {
            integral = false;
            i++;
            requireDigit();
            for (; i < end && (c = b[i]) >= '0' && c <= '9'; i++) {
                if (mantissa != 0 || c != '0') {
                    significant++;
                }
                mantissa = 10 * mantissa + c - '0';
                scale--;
            }
        }
        c = peek();
        int exponent = 0;
        if (c == 'e' || c == 'E') {
            integral = false;
            i++;
            c = peek();
            boolean negativeExponent = c == '-';
            if (c == '+' || c == '-') {
                i++;
            }
            requireDigit();
            for (; i < end && (c = b[i]) >= '0' && c <= '9'; i++) {
                if (exponent < 1000) {
                    exponent = 10 * exponent + c - '0';
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            throw UNHANDLED;
        }
        if (integral) {
            i = start;
            return integer();
        }
        int power = scale + exponent;
        if (significant <= 15 && power >= -22 && power <= 22) {
            double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    }

    /** 10^0 .. 10^22, each an exact double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private void requireDigit() {
        int c = peek();
        if (c < '0' || c > '9') {
            throw UNHANDLED;
        }
    }

    private boolean bool() {
        if (literal(TRUE)) {
            return true;
        }
        if (literal(FALSE)) {
            return false;
        }
        throw UNHANDLED;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** Consumes {@code null} if it is next. */
    private boolean nullLiteral() {
        if (end - i >= 4 && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
            i += 4;
            return true;
        }
        return false;
    }

    /** Consumes {@code word} if it is next. */
    private boolean literal(byte[] word) {
        if (end - i >= word.length && Arrays.equals(b, i, i + word.length, word, 0, word.length)) {
            i += word.length;
            return true;
        }
        return false;
    }

    /** A JSON object as the streaming reader's data-binding-like conversion gives it (file order, last key wins). */
    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw UNHANDLED;
        }
        expect('{');
        ws();
        Map<String, Object> map = new LinkedHashMap<>();
        if (peek() == '}') {
            i++;
            return map;
        }
        do {
            ws();
            String name = text();
            ws();
            expect(':');
            ws();
            map.put(name, value(depth));
            ws();
        } while (comma());
        expect('}');
        return map;
    }

    private Object value(int depth) {
        int c = peek();
        if (c == '{') {
            return object(depth + 1);
        }
        if (c == '[') {
            if (depth + 1 > MAX_DEPTH) {
                throw UNHANDLED;
            }
            i++;
            ws();
            List<Object> list = new ArrayList<>();
            if (peek() == ']') {
                i++;
                return list;
            }
            do {
                ws();
                list.add(value(depth + 1));
                ws();
            } while (comma());
            expect(']');
            return list;
        }
        if (c == '"') {
            return text();
        }
        if (nullLiteral()) {
            return null;
        }
        if (c == 't' || c == 'f') {
            return bool();
        }
        int start = i;
        int k = c == '-' ? i + 1 : i;
        int digits = k;
        while (k < end && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        if (k == digits || k < end && (b[k] == '.' || b[k] == 'e' || b[k] == 'E')) {
            return number();
        }
        if (b[digits] == '0' && k - digits > 1 || k - start > MAX_NUMBER_LENGTH) {
            throw UNHANDLED;
        }
        i = k;
        return integerValue(start);
    }

    /**
     * The integer token at {@code start..i} as Jackson's {@code getNumberValue} gives it: the first of Integer, Long
     * and BigInteger that holds it.
     */
    private Number integerValue(int start) {
        BigInteger value = new BigInteger(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
    }

    private String text() {
        int start = i + 1;
        int length = string();
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    private boolean comma() {
        if (peek() == ',') {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw UNHANDLED;
        }
        i++;
    }

    private int peek() {
        return i < end ? b[i] : -1;
    }

    /** Jackson's whitespace: space, tab, line feed, carriage return. */
    private void ws() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    private static byte[][] ascii(String[] names) {
        byte[][] bytes = new byte[names.length][];
        for (int k = 0; k < names.length; k++) {
            bytes[k] = ascii(names[k]);
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
