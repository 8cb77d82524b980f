package org.phasic.traces.domain.trace;

import java.util.Arrays;
import java.util.Locale;

/**
 * Operation types of an elimination trace. The declaration order gives the integer codes 0–7 used
 * by some phasic writers; the published format uses the upper-case names.
 */
public enum OpType {
    /** A constant, {@code const_value}. */
    CONST,
    /** One parameter, {@code theta[param_idx]}. */
    PARAM,
    /** A linear form, {@code sum_k coefficients[k] * theta[k]}. */
    DOT,
    /** {@code a + b}. */
    ADD,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code 1 / a}. */
    INV,
    /** The sum of all operands. */
    SUM;

    private static final OpType[] BY_CODE = values();

    /** The integer code of this type (its position, 0–7). */
    public int code() {
        return ordinal();
    }

    /**
     * Parses an upper-case or lower-case name ({@code "MUL"}, {@code "mul"}) or an integer code
     * written as text ({@code "4"}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OpType parse(String text) {
        if (text != null && !text.isEmpty()) {
            if (text.chars().allMatch(Character::isDigit) && text.length() <= 2) {
                return fromCode(Integer.parseInt(text));
            }
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.equals(text) || text.toLowerCase(Locale.ROOT).equals(text)) {
                for (OpType type : BY_CODE) {
                    if (type.name().equals(upper)) {
                        return type;
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown op_type '" + text + "' (expected one of "
                + Arrays.toString(BY_CODE) + ", their lower-case names, or a code 0-7)");
    }

    /**
     * The type with integer code {@code code}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= code <= 7}
     */
    public static OpType fromCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown op_type code " + code + " (expected 0-" + (BY_CODE.length - 1) + ")");
        }
        return BY_CODE[(int) code];
    }
}
