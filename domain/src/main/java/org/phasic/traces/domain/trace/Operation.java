package org.phasic.traces.domain.trace;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One operation of an elimination trace: a type, the indices of earlier operations it reads, and
 * the fields its type needs ({@code const_value} for CONST, {@code param_idx} for PARAM,
 * {@code coefficients} for DOT). Immutable. Whether the fields fit the type and the trace is checked
 * when the {@link EliminationTrace} is built.
 */
public final class Operation {
    private static final int[] NO_OPERANDS = {};

    private final OpType type;
    private final int[] operands;
    private final Double constValue;
    private final Integer paramIdx;
    private final double[] coefficients;

    private Operation(OpType type, int[] operands, Double constValue, Integer paramIdx, double[] coefficients) {
        this.type = Objects.requireNonNull(type, "type");
        this.operands = Objects.requireNonNull(operands, "operands").clone();
        this.constValue = constValue;
        this.paramIdx = paramIdx;
        this.coefficients = coefficients == null ? null : coefficients.clone();
    }

    /**
     * An operation with every field given, as read from a file; absent fields are {@code null}.
     */
    public static Operation of(OpType type, int[] operands, Double constValue, Integer paramIdx, double[] coefficients) {
        return new Operation(type, operands, constValue, paramIdx, coefficients);
    }

    /** CONST {@code value}. */
    public static Operation constant(double value) {
        return new Operation(OpType.CONST, NO_OPERANDS, value, null, null);
    }

    /** PARAM {@code theta[index]}. */
    public static Operation param(int index) {
        return new Operation(OpType.PARAM, NO_OPERANDS, null, index, null);
    }

    /** DOT {@code coefficients · theta}. */
    public static Operation dot(double... coefficients) {
        return new Operation(OpType.DOT, NO_OPERANDS, null, null, Objects.requireNonNull(coefficients, "coefficients"));
    }

    /** ADD of operations {@code a} and {@code b}. */
    public static Operation add(int a, int b) {
        return binary(OpType.ADD, a, b);
    }

    /** MUL of operations {@code a} and {@code b}. */
    public static Operation mul(int a, int b) {
        return binary(OpType.MUL, a, b);
    }

    /** DIV of operation {@code a} by operation {@code b}. */
    public static Operation div(int a, int b) {
        return binary(OpType.DIV, a, b);
    }

    /** INV (reciprocal) of operation {@code a}. */
    public static Operation inv(int a) {
        return new Operation(OpType.INV, new int[] {a}, null, null, null);
    }

    /** SUM of the given operations. */
    public static Operation sum(int... operands) {
        return new Operation(OpType.SUM, operands, null, null, null);
    }

    private static Operation binary(OpType type, int a, int b) {
        return new Operation(type, new int[] {a, b}, null, null, null);
    }

    public OpType type() {
        return type;
    }

    /** A copy of the operand indices. */
    public int[] operands() {
        return operands.clone();
    }

    public int operandCount() {
        return operands.length;
    }

    public int operand(int i) {
        return operands[i];
    }

    public OptionalDouble constValue() {
        return constValue == null ? OptionalDouble.empty() : OptionalDouble.of(constValue);
    }

    public OptionalInt paramIdx() {
        return paramIdx == null ? OptionalInt.empty() : OptionalInt.of(paramIdx);
    }

    /** A copy of the coefficients, if present. */
    public Optional<double[]> coefficients() {
        return coefficients == null ? Optional.empty() : Optional.of(coefficients.clone());
    }

    double[] coefficientsUnsafe() {
        return coefficients;
    }

    /** {@code const_value} or {@code null}, without an Optional. */
    Double constValueOrNull() {
        return constValue;
    }

    /** {@code param_idx} or {@code null}, without an Optional. */
    Integer paramIdxOrNull() {
        return paramIdx;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operation other
                && type == other.type
                && Arrays.equals(operands, other.operands)
                && Objects.equals(constValue, other.constValue)
                && Objects.equals(paramIdx, other.paramIdx)
                && Arrays.equals(coefficients, other.coefficients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(operands), constValue, paramIdx, Arrays.hashCode(coefficients));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type.name());
        if (operands.length > 0) {
            s.append(Arrays.toString(operands));
        }
        if (constValue != null) {
            s.append(" const=").append(constValue);
        }
        if (paramIdx != null) {
            s.append(" param=").append(paramIdx);
        }
        if (coefficients != null) {
            s.append(" coefficients=").append(Arrays.toString(coefficients));
        }
        return s.toString();
    }
}
