package org.phasic.traces.domain.trace;

import java.util.List;

/** Structural checks of a trace; each failure names the field and index. */
final class TraceValidation {
    private TraceValidation() {
    }

    static void validate(List<Operation> operations, int[] vertexRates, int[][] edgeProbs, int[][] vertexTargets,
                         int[][] states, int startingVertexIdx, int nVertices, int stateLength, int paramLength) {
        require(operations != null, "operations", "missing");
        require(nVertices >= 1, "n_vertices", "must be at least 1, got " + nVertices);
        require(paramLength >= 0, "param_length", "must be >= 0, got " + paramLength);
        require(stateLength >= 0, "state_length", "must be >= 0, got " + stateLength);
        for (int i = 0; i < operations.size(); i++) {
            validateOperation(operations.get(i), i, paramLength);
        }
        int ops = operations.size();
        checkLength(vertexRates, "vertex_rates", nVertices);
        for (int v = 0; v < nVertices; v++) {
            checkIndex(vertexRates[v], ops, "vertex_rates[" + v + "]", "operation");
        }
        checkRows(edgeProbs, "edge_probs", nVertices);
        checkRows(vertexTargets, "vertex_targets", nVertices);
        checkRows(states, "states", nVertices);
        for (int v = 0; v < nVertices; v++) {
            require(vertexTargets[v].length == edgeProbs[v].length, "vertex_targets[" + v + "]",
                    "has " + vertexTargets[v].length + " targets but edge_probs[" + v + "] has "
                            + edgeProbs[v].length + " entries");
            for (int j = 0; j < edgeProbs[v].length; j++) {
                checkIndex(edgeProbs[v][j], ops, "edge_probs[" + v + "][" + j + "]", "operation");
                checkIndex(vertexTargets[v][j], nVertices, "vertex_targets[" + v + "][" + j + "]", "vertex");
            }
            require(states[v].length == stateLength, "states[" + v + "]",
                    "has length " + states[v].length + ", expected state_length = " + stateLength);
        }
        checkIndex(startingVertexIdx, nVertices, "starting_vertex_idx", "vertex");
    }

    private static void validateOperation(Operation op, int i, int paramLength) {
        String at = "operations[" + i + "]";
        require(op != null, at, "missing");
        int expected = switch (op.type()) {
            case CONST, PARAM, DOT -> 0;
            case INV -> 1;
            case ADD, MUL, DIV -> 2;
            case SUM -> -1;
        };
        require(expected < 0 || op.operandCount() == expected, at + ".operands",
                op.type() + " takes " + expected + " operand(s), found " + op.operandCount());
        for (int j = 0; j < op.operandCount(); j++) {
            int operand = op.operand(j);
            require(operand >= 0 && operand < i, at + ".operands[" + j + "]",
                    operand + " does not refer to an earlier operation (must be in [0, " + i + "))");
        }
        switch (op.type()) {
            case CONST -> {
                require(op.constValue().isPresent(), at + ".const_value", "required for CONST");
                requireFinite(op.constValue().getAsDouble(), at + ".const_value");
            }
            case PARAM -> {
                require(op.paramIdx().isPresent(), at + ".param_idx", "required for PARAM");
                checkIndex(op.paramIdx().getAsInt(), paramLength, at + ".param_idx", "parameter");
            }
            case DOT -> {
                double[] c = op.coefficientsUnsafe();
                require(c != null, at + ".coefficients", "required for DOT");
                require(c.length == paramLength, at + ".coefficients",
                        "has length " + c.length + ", expected param_length = " + paramLength);
                for (int k = 0; k < c.length; k++) {
                    requireFinite(c[k], at + ".coefficients[" + k + "]");
                }
            }
            default -> {
            }
        }
    }

    private static void checkLength(int[] array, String field, int n) {
        require(array != null, field, "missing");
        require(array.length == n, field, "has " + array.length + " entries, expected n_vertices = " + n);
    }

    private static void checkRows(int[][] rows, String field, int n) {
        require(rows != null, field, "missing");
        require(rows.length == n, field, "has " + rows.length + " entries, expected n_vertices = " + n);
        for (int v = 0; v < n; v++) {
            require(rows[v] != null, field + "[" + v + "]", "missing");
        }
    }

    private static void checkIndex(int index, int size, String field, String what) {
        require(index >= 0 && index < size, field, what + " index " + index + " is out of range [0, " + size + ")");
    }

    private static void requireFinite(double value, String field) {
        require(Double.isFinite(value), field, "must be a finite number, got " + value);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidTraceException(field, problem);
        }
    }
}
