package org.phasic.traces.domain.trace;

import java.util.List;

/** Structural checks of a trace; each failure names the field and index (messages are built only on failure). */
final class TraceValidation {
    private TraceValidation() {
    }

    static void validate(List<Operation> operations, int[] vertexRates, int[][] edgeProbs, int[][] vertexTargets,
                         int[][] states, int startingVertexIdx, int nVertices, int stateLength, int paramLength) {
        if (operations == null) {
            throw new InvalidTraceException("operations", "missing");
        }
        if (nVertices < 1) {
            throw new InvalidTraceException("n_vertices", "must be at least 1, got " + nVertices);
        }
        if (paramLength < 0) {
            throw new InvalidTraceException("param_length", "must be >= 0, got " + paramLength);
        }
        if (stateLength < 0) {
            throw new InvalidTraceException("state_length", "must be >= 0, got " + stateLength);
        }
        for (int i = 0; i < operations.size(); i++) {
            validateOperation(operations.get(i), i, paramLength);
        }
        int ops = operations.size();
        checkLength(vertexRates, "vertex_rates", nVertices);
        for (int v = 0; v < nVertices; v++) {
            if (!inRange(vertexRates[v], ops)) {
                throw outOfRange(vertexRates[v], ops, "vertex_rates[" + v + "]", "operation");
            }
        }
        checkRows(edgeProbs, "edge_probs", nVertices);
        checkRows(vertexTargets, "vertex_targets", nVertices);
        checkRows(states, "states", nVertices);
        for (int v = 0; v < nVertices; v++) {
            validateVertex(v, edgeProbs[v], vertexTargets[v], states[v], ops, nVertices, stateLength);
        }
        checkIndex(startingVertexIdx, nVertices, "starting_vertex_idx", "vertex");
    }

    /** One vertex's rows (a method of its own, so that a fresh JVM compiles it early). */
    private static void validateVertex(int v, int[] probs, int[] targets, int[] state, int ops, int nVertices,
                                       int stateLength) {
        if (targets.length != probs.length) {
            throw new InvalidTraceException("vertex_targets[" + v + "]", "has " + targets.length
                    + " targets but edge_probs[" + v + "] has " + probs.length + " entries");
        }
        for (int j = 0; j < probs.length; j++) {
            if (!inRange(probs[j], ops)) {
                throw outOfRange(probs[j], ops, "edge_probs[" + v + "][" + j + "]", "operation");
            }
            if (!inRange(targets[j], nVertices)) {
                throw outOfRange(targets[j], nVertices, "vertex_targets[" + v + "][" + j + "]", "vertex");
            }
        }
        if (state.length != stateLength) {
            throw new InvalidTraceException("states[" + v + "]",
                    "has length " + state.length + ", expected state_length = " + stateLength);
        }
    }

    private static void validateOperation(Operation op, int i, int paramLength) {
        if (op == null) {
            throw new InvalidTraceException(at(i), "missing");
        }
        int expected = switch (op.type()) {
            case CONST, PARAM, DOT -> 0;
            case INV -> 1;
            case ADD, MUL, DIV -> 2;
            case SUM -> -1;
        };
        if (expected >= 0 && op.operandCount() != expected) {
            throw new InvalidTraceException(at(i) + ".operands",
                    op.type() + " takes " + expected + " operand(s), found " + op.operandCount());
        }
        for (int j = 0; j < op.operandCount(); j++) {
            int operand = op.operand(j);
            if (operand < 0 || operand >= i) {
                throw new InvalidTraceException(at(i) + ".operands[" + j + "]",
                        operand + " does not refer to an earlier operation (must be in [0, " + i + "))");
            }
        }
        switch (op.type()) {
            case CONST -> {
                Double constValue = op.constValueOrNull();
                if (constValue == null) {
                    throw new InvalidTraceException(at(i) + ".const_value", "required for CONST");
                }
                double value = constValue;
                if (!Double.isFinite(value)) {
                    throw notFinite(value, at(i) + ".const_value");
                }
            }
            case PARAM -> {
                Integer paramIdx = op.paramIdxOrNull();
                if (paramIdx == null) {
                    throw new InvalidTraceException(at(i) + ".param_idx", "required for PARAM");
                }
                int index = paramIdx;
                if (!inRange(index, paramLength)) {
                    throw outOfRange(index, paramLength, at(i) + ".param_idx", "parameter");
                }
            }
            case DOT -> {
                double[] c = op.coefficientsUnsafe();
                if (c == null) {
                    throw new InvalidTraceException(at(i) + ".coefficients", "required for DOT");
                }
                if (c.length != paramLength) {
                    throw new InvalidTraceException(at(i) + ".coefficients",
                            "has length " + c.length + ", expected param_length = " + paramLength);
                }
                for (int k = 0; k < c.length; k++) {
                    if (!Double.isFinite(c[k])) {
                        throw notFinite(c[k], at(i) + ".coefficients[" + k + "]");
                    }
                }
            }
            default -> {
            }
        }
    }

    private static String at(int i) {
        return "operations[" + i + "]";
    }

    private static void checkLength(int[] array, String field, int n) {
        if (array == null) {
            throw new InvalidTraceException(field, "missing");
        }
        checkCount(array.length, field, n);
    }

    private static void checkRows(int[][] rows, String field, int n) {
        if (rows == null) {
            throw new InvalidTraceException(field, "missing");
        }
        checkCount(rows.length, field, n);
        for (int v = 0; v < n; v++) {
            if (rows[v] == null) {
                throw new InvalidTraceException(field + "[" + v + "]", "missing");
            }
        }
    }

    private static void checkIndex(int index, int size, String field, String what) {
        if (!inRange(index, size)) {
            throw outOfRange(index, size, field, what);
        }
    }

    private static boolean inRange(int index, int size) {
        return index >= 0 && index < size;
    }

    private static InvalidTraceException outOfRange(int index, int size, String field, String what) {
        return new InvalidTraceException(field, what + " index " + index + " is out of range [0, " + size + ")");
    }

    private static InvalidTraceException notFinite(double value, String field) {
        return new InvalidTraceException(field, "must be a finite number, got " + value);
    }

    private static void checkCount(int count, String field, int n) {
        if (count != n) {
            throw new InvalidTraceException(field, "has " + count + " entries, expected n_vertices = " + n);
        }
    }
}
