package org.phasic.traces.domain.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An elimination trace of the phasic library: a straight-line program of
 * {@link Operation}s over the parameter vector θ, and for each vertex of the phase-type graph the
 * operation holding 1/total-rate ({@code vertex_rates}), the operations holding its edge
 * probabilities ({@code edge_probs}) and the targets of those edges ({@code vertex_targets}).
 *
 * <p>Immutable and validated on construction ({@link InvalidTraceException} names the field and
 * index). Array accessors return copies.
 *
 * <p>Evaluation: {@link #replay} computes every operation, {@link #instantiate} builds the concrete
 * {@link PhaseTypeGraph}, {@link #pdf} and {@link #logLikelihood} apply phasic's discretised
 * forward algorithm, {@link #exactPdf} an exact method (uniformisation).
 */
public final class EliminationTrace {
    private final List<Operation> operations;
    private final int[] vertexRates;
    private final int[][] edgeProbs;
    private final int[][] vertexTargets;
    private final int[][] states;
    private final int startingVertexIdx;
    private final int nVertices;
    private final int stateLength;
    private final int paramLength;
    private final boolean discrete;
    private final Map<String, Object> metadata;
    private final Program program;

    /**
     * Builds and validates a trace; the arguments are in the order of the JSON fields.
     *
     * @param metadata JSON-like values (null, String, Boolean, Number, List, Map); copied deeply
     * @throws InvalidTraceException when a field is missing, out of range or inconsistent
     */
    public EliminationTrace(List<Operation> operations, int[] vertexRates, int[][] edgeProbs, int[][] vertexTargets,
                            int[][] states, int startingVertexIdx, int nVertices, int stateLength, int paramLength,
                            boolean discrete, Map<String, ?> metadata) {
        TraceValidation.validate(operations, vertexRates, edgeProbs, vertexTargets, states, startingVertexIdx,
                nVertices, stateLength, paramLength);
        this.operations = List.copyOf(operations);
        this.vertexRates = vertexRates.clone();
        this.edgeProbs = deepCopy(edgeProbs);
        this.vertexTargets = deepCopy(vertexTargets);
        this.states = deepCopy(states);
        this.startingVertexIdx = startingVertexIdx;
        this.nVertices = nVertices;
        this.stateLength = stateLength;
        this.paramLength = paramLength;
        this.discrete = discrete;
        this.metadata = JsonValues.copyObject(metadata == null ? Map.of() : metadata, "metadata");
        this.program = new Program(this.operations);
    }

    public List<Operation> operations() {
        return operations;
    }

    public int[] vertexRates() {
        return vertexRates.clone();
    }

    public int[][] edgeProbs() {
        return deepCopy(edgeProbs);
    }

    public int[][] vertexTargets() {
        return deepCopy(vertexTargets);
    }

    public int[][] states() {
        return deepCopy(states);
    }

    public int startingVertexIdx() {
        return startingVertexIdx;
    }

    public int nVertices() {
        return nVertices;
    }

    public int stateLength() {
        return stateLength;
    }

    public int paramLength() {
        return paramLength;
    }

    public boolean isDiscrete() {
        return discrete;
    }

    /** Free-form metadata, immutable, in file order. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Number of edges over all vertices. */
    public int edgeCount() {
        int n = 0;
        for (int[] row : edgeProbs) {
            n += row.length;
        }
        return n;
    }

    /**
     * Evaluates every operation in order for parameters {@code theta}.
     *
     * @return the value of each operation, indexed like {@link #operations()}
     * @throws IllegalArgumentException  if {@code theta.length != paramLength()} or a value is not finite
     * @throws TraceEvaluationException  on division by zero or a non-finite result
     */
    public double[] replay(double[] theta) {
        checkTheta(theta);
        return program.run(theta);
    }

    /**
     * Replays the trace and builds the concrete graph: every vertex u whose 1/rate value is non-zero
     * gets, for each j, an edge u → {@code vertex_targets[u][j]} with weight
     * {@code prob[u][j] / invRate[u]}; the other vertices absorb.
     */
    public PhaseTypeGraph instantiate(double[] theta) {
        double[] values = replay(theta);
        double[][] weights = new double[nVertices][];
        int[][] targets = new int[nVertices][];
        for (int u = 0; u < nVertices; u++) {
            double invRate = values[vertexRates[u]];
            if (invRate == 0.0) {
                weights[u] = new double[0];
                targets[u] = new int[0];
            } else {
                weights[u] = new double[edgeProbs[u].length];
                for (int j = 0; j < weights[u].length; j++) {
                    weights[u][j] = values[edgeProbs[u][j]] / invRate;
                }
                targets[u] = vertexTargets[u];
            }
        }
        return new PhaseTypeGraph(startingVertexIdx, targets, weights);
    }

    /** Density at {@code t} by phasic's discretised forward algorithm; see {@link PhaseTypeGraph#pdf(double, int)}. */
    public double pdf(double[] theta, double t, int granularity) {
        return instantiate(theta).pdf(t, granularity);
    }

    /** Densities at each of {@code times} in one forward pass; see {@link PhaseTypeGraph#pdf(double[], int)}. */
    public double[] pdf(double[] theta, double[] times, int granularity) {
        return instantiate(theta).pdf(times, granularity);
    }

    /** {@code Σ log(max(pdf(t), 1e-10))} over {@code times}, as phasic's {@code trace_to_log_likelihood}. */
    public double logLikelihood(double[] theta, double[] times, int granularity) {
        return instantiate(theta).logLikelihood(times, granularity);
    }

    /** Exact density at {@code t} (uniformisation); see {@link PhaseTypeGraph#exactPdf(double)}. */
    public double exactPdf(double[] theta, double t) {
        return instantiate(theta).exactPdf(t);
    }

    private void checkTheta(double[] theta) {
        Objects.requireNonNull(theta, "theta");
        if (theta.length != paramLength) {
            throw new IllegalArgumentException("theta has " + theta.length + " value(s) but the trace has param_length = "
                    + paramLength);
        }
        for (int k = 0; k < theta.length; k++) {
            if (!Double.isFinite(theta[k])) {
                throw new IllegalArgumentException("theta[" + k + "] = " + theta[k] + ": must be a finite number");
            }
        }
    }

    private static int[][] deepCopy(int[][] rows) {
        int[][] copy = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EliminationTrace t
                && startingVertexIdx == t.startingVertexIdx && nVertices == t.nVertices
                && stateLength == t.stateLength && paramLength == t.paramLength && discrete == t.discrete
                && operations.equals(t.operations) && Arrays.equals(vertexRates, t.vertexRates)
                && Arrays.deepEquals(edgeProbs, t.edgeProbs) && Arrays.deepEquals(vertexTargets, t.vertexTargets)
                && Arrays.deepEquals(states, t.states) && metadata.equals(t.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operations, Arrays.hashCode(vertexRates), Arrays.deepHashCode(edgeProbs),
                Arrays.deepHashCode(vertexTargets), nVertices, paramLength, startingVertexIdx);
    }

    @Override
    public String toString() {
        return "EliminationTrace[" + nVertices + " vertices, " + edgeCount() + " edges, " + operations.size()
                + " operations, param_length " + paramLength + "]";
    }

    /** The operations flattened into arrays, so that replay is a tight loop. */
    private static final class Program {
        private final OpType[] types;
        private final double[] constants;
        private final int[] params;
        private final double[][] coefficients;
        private final int[] operandStart;
        private final int[] operands;

        Program(List<Operation> ops) {
            int n = ops.size();
            types = new OpType[n];
            constants = new double[n];
            params = new int[n];
            coefficients = new double[n][];
            operandStart = new int[n + 1];
            int total = 0;
            for (Operation op : ops) {
                total += op.operandCount();
            }
            operands = new int[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                at = set(i, ops.get(i), at);
            }
            operandStart[n] = at;
        }

        /** Flattens operation {@code i} (a method of its own, so that a fresh JVM compiles it early). */
        private int set(int i, Operation op, int at) {
            types[i] = op.type();
            Double constValue = op.constValueOrNull();
            Integer paramIdx = op.paramIdxOrNull();
            constants[i] = constValue == null ? 0.0 : constValue;
            params[i] = paramIdx == null ? -1 : paramIdx;
            coefficients[i] = op.coefficientsUnsafe();
            operandStart[i] = at;
            int count = op.operandCount();
            for (int j = 0; j < count; j++) {
                operands[at + j] = op.operand(j);
            }
            return at + count;
        }

        double[] run(double[] theta) {
            int n = types.length;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                int from = operandStart[i];
                double value = switch (types[i]) {
                    case CONST -> constants[i];
                    case PARAM -> theta[params[i]];
                    case DOT -> dot(coefficients[i], theta);
                    case ADD -> v[operands[from]] + v[operands[from + 1]];
                    case MUL -> v[operands[from]] * v[operands[from + 1]];
                    case DIV -> divide(v[operands[from]], v[operands[from + 1]], i, operands[from + 1]);
                    case INV -> divide(1.0, v[operands[from]], i, operands[from]);
                    case SUM -> sum(v, from, operandStart[i + 1]);
                };
                if (!Double.isFinite(value)) {
                    throw new TraceEvaluationException("operations[" + i + "] (" + types[i] + ") evaluated to " + value);
                }
                v[i] = value;
            }
            return v;
        }

        private static double dot(double[] c, double[] theta) {
            double s = 0.0;
            for (int k = 0; k < c.length; k++) {
                s += c[k] * theta[k];
            }
            return s;
        }

        private double sum(double[] v, int from, int to) {
            double s = 0.0;
            for (int j = from; j < to; j++) {
                s += v[operands[j]];
            }
            return s;
        }

        private double divide(double a, double b, int op, int divisorOp) {
            if (b == 0.0) {
                throw new TraceEvaluationException("operations[" + op + "] (" + types[op]
                        + "): division by zero (operations[" + divisorOp + "] is 0)");
            }
            return a / b;
        }
    }
}
