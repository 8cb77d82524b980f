package org.phasic.traces.domain.trace;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A concrete phase-type graph: weighted edges between vertices, a start vertex whose edge weights
 * are the initial distribution (not normalised, as in phasic), and absorbing vertices (those without
 * edges). Produced by {@link EliminationTrace#instantiate}. Immutable.
 *
 * <p>Densities: {@link #pdf(double, int)} is phasic's discretised forward algorithm ("python mode"),
 * reproduced step for step; {@link #exactPdf(double)} is exact up to rounding (uniformisation).
 */
public final class PhaseTypeGraph {
    /** Smallest granularity chosen automatically is {@code 2 * AUTO_MIN_RATE}. */
    static final double AUTO_MIN_RATE = 512.0;
    /** A vertex may move at most this fraction of its mass per step (phasic's tolerance). */
    static final double MAX_STEP_FRACTION = 1.0001;
    /** Upper bound on forward steps for one call, so an absurd t·g fails fast instead of running for hours. */
    public static final long MAX_STEPS = 100_000_000L;
    /** Floor applied to each density before taking its logarithm, as in phasic. */
    public static final double LOG_FLOOR = 1e-10;

    private final int start;
    private final int[] edgeStart;
    private final int[] edgeTarget;
    private final double[] edgeWeight;
    private final double[] totalRate;

    /**
     * @param start   the start vertex
     * @param targets for each vertex, the target of each of its edges (duplicates stay separate edges)
     * @param weights for each vertex, the weight of each of its edges
     */
    public PhaseTypeGraph(int start, int[][] targets, double[][] weights) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(weights, "weights");
        int n = targets.length;
        if (weights.length != n) {
            throw new IllegalArgumentException("targets has " + n + " rows but weights has " + weights.length);
        }
        if (start < 0 || start >= n) {
            throw new IllegalArgumentException("start vertex " + start + " is out of range [0, " + n + ")");
        }
        this.start = start;
        edgeStart = new int[n + 1];
        int edges = 0;
        for (int u = 0; u < n; u++) {
            if (targets[u].length != weights[u].length) {
                throw new IllegalArgumentException("vertex " + u + " has " + targets[u].length + " targets but "
                        + weights[u].length + " weights");
            }
            edgeStart[u] = edges;
            edges += targets[u].length;
        }
        edgeStart[n] = edges;
        edgeTarget = new int[edges];
        edgeWeight = new double[edges];
        totalRate = new double[n];
        for (int u = 0; u < n; u++) {
            for (int j = 0; j < targets[u].length; j++) {
                int e = edgeStart[u] + j;
                int v = targets[u][j];
                if (v < 0 || v >= n) {
                    throw new IllegalArgumentException("edge " + u + "->" + v + ": target out of range [0, " + n + ")");
                }
                if (!Double.isFinite(weights[u][j])) {
                    throw new IllegalArgumentException("edge " + u + "->" + v + ": weight " + weights[u][j] + " is not finite");
                }
                edgeTarget[e] = v;
                edgeWeight[e] = weights[u][j];
                totalRate[u] += weights[u][j];
            }
        }
    }

    public int vertexCount() {
        return totalRate.length;
    }

    public int startVertex() {
        return start;
    }

    public int edgeCount(int u) {
        return edgeStart[u + 1] - edgeStart[u];
    }

    public int edgeTarget(int u, int j) {
        return edgeTarget[edgeStart[u] + j];
    }

    public double edgeWeight(int u, int j) {
        return edgeWeight[edgeStart[u] + j];
    }

    /** Sum of the weights of the edges leaving {@code u}. */
    public double totalOutRate(int u) {
        return totalRate[u];
    }

    public boolean isAbsorbing(int u) {
        return edgeCount(u) == 0;
    }

    /**
     * The granularity to use for {@code requested}: 0 means automatic,
     * {@code 2 * max(512, largest total out-rate)}. The start vertex is not counted: its weights are
     * an initial distribution, applied once with factor 1.
     *
     * @throws IllegalArgumentException if {@code requested < 0} or some vertex's total out-rate / g
     *                                  exceeds 1.0001 (the chain would move more than all of its mass)
     */
    public int resolveGranularity(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("granularity must be >= 0 (0 = automatic), got " + requested);
        }
        int worst = fastestVertex();
        double maxRate = worst < 0 ? 0.0 : totalRate[worst];
        if (requested == 0) {
            double auto = Math.ceil(2.0 * Math.max(AUTO_MIN_RATE, maxRate));
            if (auto > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("automatic granularity " + auto + " is too large (max rate " + maxRate + ")");
            }
            return (int) auto;
        }
        if (maxRate / requested > MAX_STEP_FRACTION) {
            throw new IllegalArgumentException("granularity " + requested + " is too coarse: vertex " + worst
                    + " has total out-rate " + maxRate + " and " + maxRate + "/" + requested + " > " + MAX_STEP_FRACTION
                    + "; use at least " + minimumGranularity() + ", or 0 for automatic");
        }
        return requested;
    }

    /**
     * The granularity to use for {@code requested} at {@code times}: as {@link #resolveGranularity(int)}, and the
     * latest time must be reachable within {@link #MAX_STEPS} steps. Every refusal is one message naming the range
     * of granularities that works ({@code [smallest the rates allow, largest the step limit allows]}), or saying that
     * no granularity does.
     *
     * @throws IllegalArgumentException if {@code requested} (or the automatic choice) is not in that range, or the
     *                                  range is empty, or a time is negative or not finite
     */
    public int resolveGranularity(int requested, double[] times) {
        Objects.requireNonNull(times, "times");
        int latest = -1;
        for (int i = 0; i < times.length; i++) {
            checkTime(times[i], i);
            if (latest < 0 || times[i] > times[latest]) {
                latest = i;
            }
        }
        if (requested < 0 || latest < 0 || times[latest] == 0.0) {
            return resolveGranularity(requested);
        }
        double t = times[latest];
        long smallest = minimumGranularity();
        long largest = (long) Math.min(Integer.MAX_VALUE, Math.floor(MAX_STEPS / t));
        while (largest > 0 && (float) largest * (float) t > MAX_STEPS) {
            largest--;
        }
        String at = "times[" + latest + "] = " + t;
        if (smallest > largest) {
            int worst = fastestVertex();
            throw new IllegalArgumentException("no granularity fits " + at + ": vertex " + worst + " has total out-rate "
                    + totalRate[worst] + ", so the granularity must be at least " + smallest + ", and " + smallest + " * " + t
                    + " exceeds the limit of " + MAX_STEPS + " steps; evaluate at earlier times");
        }
        long g = requested == 0 ? resolveGranularity(0) : requested;
        if (g < smallest || g > largest) {
            String which = requested == 0 ? "the automatic granularity " + g : "granularity " + g;
            int worst = fastestVertex();
            String why = g < smallest ? " is too coarse: vertex " + worst + " has total out-rate " + totalRate[worst] + " and "
                    + totalRate[worst] + "/" + g + " > " + MAX_STEP_FRACTION : " needs " + (long) ((float) g * (float) t)
                    + " steps for " + at + ", over the limit of " + MAX_STEPS;
            throw new IllegalArgumentException(which + why + "; use a granularity between " + smallest + " and " + largest);
        }
        return (int) g;
    }

    /** The smallest granularity the fastest vertex allows (at least 1). */
    private long minimumGranularity() {
        int worst = fastestVertex();
        return worst < 0 ? 1 : Math.max(1, (long) Math.ceil(totalRate[worst] / MAX_STEP_FRACTION));
    }

    /** The vertex other than the start vertex with the largest total out-rate, or -1. */
    private int fastestVertex() {
        int worst = -1;
        for (int u = 0; u < totalRate.length; u++) {
            if (u != start && (worst < 0 || totalRate[u] > totalRate[worst])) {
                worst = u;
            }
        }
        return worst;
    }

    /**
     * Density at {@code t} by phasic's discretised forward algorithm with granularity {@code g}.
     *
     * <p>Probability mass starts at the start vertex. Step 0 moves it along the start vertex's edges
     * with factor 1 (the start vertex is emptied; its weights are not normalised). Every later step
     * moves {@code old[u]·w/g} along each edge of every vertex u. The mass that reaches absorbing
     * vertices in step k is removed and is that step's pmf; the density at step k is {@code pmf·g}.
     * The density at t is the value at step {@code floor(g·t)} computed as phasic's C++ API does:
     * t is a 32-bit float and the product {@code g·t} is a 32-bit float product, truncated (so
     * t = 0.01, g = 100 is step 1, although the float nearest 0.01 is slightly below it).
     *
     * @param granularity g, or 0 for automatic (see {@link #resolveGranularity})
     * @throws IllegalArgumentException for a negative or non-finite t, a bad granularity, or more than
     *                                  {@link #MAX_STEPS} steps
     */
    public double pdf(double t, int granularity) {
        return pdf(new double[] {t}, granularity)[0];
    }

    /** Densities at each of {@code times}, computed in one forward pass up to the latest time. */
    public double[] pdf(double[] times, int granularity) {
        Objects.requireNonNull(times, "times");
        int g = resolveGranularity(granularity, times);
        long[] steps = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            steps[i] = stepOf(times[i], g, i);
        }
        long[] wanted = Arrays.stream(steps).sorted().distinct().toArray();
        double[] pdfAtWanted = forward(g, wanted);
        double[] result = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            result[i] = pdfAtWanted[Arrays.binarySearch(wanted, steps[i])];
        }
        return result;
    }

    /** {@code Σ log(max(pdf(t), 1e-10))} over {@code times}. */
    public double logLikelihood(double[] times, int granularity) {
        return logLikelihoodOf(pdf(times, granularity));
    }

    /** {@code Σ log(max(density, 1e-10))}: the log-likelihood of densities already computed. */
    public static double logLikelihoodOf(double[] densities) {
        double sum = 0.0;
        for (double density : densities) {
            sum += Math.log(Math.max(density, LOG_FLOOR));
        }
        return sum;
    }

    /**
     * Exact density of the absorption time at {@code t} for the continuous-time chain whose initial
     * distribution is the start vertex's edge weights (mass sent straight from the start vertex to an
     * absorbing vertex is an atom at 0 and is not part of the density). Computed by uniformisation;
     * accurate to about 1e-12 relative.
     *
     * @throws IllegalArgumentException for a negative or non-finite t, or a start vertex with
     *                                  incoming edges
     */
    public double exactPdf(double t) {
        checkTime(t, 0);
        return Uniformisation.density(this, t);
    }

    /**
     * Exact densities at each of {@code times} (see {@link #exactPdf(double)}), in one uniformisation pass.
     *
     * @throws IllegalArgumentException for a negative or non-finite time, a start vertex with incoming edges, or
     *                                  times too late for the term limit ({@link #exactFits})
     */
    public double[] exactPdf(double[] times) {
        Objects.requireNonNull(times, "times");
        for (int i = 0; i < times.length; i++) {
            checkTime(times[i], i);
        }
        return Uniformisation.densities(this, times);
    }

    /**
     * Whether {@link #exactPdf(double[])} applies to this graph (its start vertex has no incoming edges) and is small
     * enough at {@code times}: at most two million uniformisation terms and about a second of work.
     */
    public boolean exactFits(double[] times) {
        double tMax = 0.0;
        for (int i = 0; i < times.length; i++) {
            checkTime(times[i], i);
            tMax = Math.max(tMax, times[i]);
        }
        return Uniformisation.fits(this, tMax);
    }

    int[] edgeStarts() {
        return edgeStart;
    }

    int[] edgeTargets() {
        return edgeTarget;
    }

    double[] edgeWeights() {
        return edgeWeight;
    }

    private static long stepOf(double t, int g, int index) {
        checkTime(t, index);
        float step = (float) g * (float) t;
        if (step > MAX_STEPS) {
            throw new IllegalArgumentException("times[" + index + "] = " + t + " needs " + (long) step
                    + " steps at granularity " + g + "; the limit is " + MAX_STEPS + " (use a smaller granularity)");
        }
        return (long) step;
    }

    private static void checkTime(double t, int index) {
        if (!Double.isFinite(t) || t < 0 || Float.isInfinite((float) t)) {
            throw new IllegalArgumentException("times[" + index + "] = " + t + ": must be a finite number >= 0");
        }
    }

    /** Runs the forward algorithm up to the last wanted step and returns pmf·g at each wanted step. */
    private double[] forward(int g, long[] wanted) {
        int n = totalRate.length;
        double[] result = new double[wanted.length];
        if (wanted.length == 0) {
            return result;
        }
        double[] p = new double[n];
        double[] old = new double[n];
        double[] scaled = new double[edgeWeight.length];
        double f = 1.0 / g;
        for (int e = 0; e < scaled.length; e++) {
            scaled[e] = edgeWeight[e] * f;
        }
        int[] movers = verticesWithEdges();
        int[] absorbing = absorbingVertices();
        p[start] = 1.0;
        if (!isAbsorbing(start)) {
            for (int e = edgeStart[start]; e < edgeStart[start + 1]; e++) {
                p[edgeTarget[e]] += edgeWeight[e];
            }
            p[start] = 0.0;
        }
        int next = 0;
        long last = wanted[wanted.length - 1];
        for (long k = 0; ; k++) {
            if (k > 0) {
                System.arraycopy(p, 0, old, 0, n);
                for (int u : movers) {
                    double mass = old[u];
                    if (mass != 0.0) {
                        for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                            double m = mass * scaled[e];
                            p[u] -= m;
                            p[edgeTarget[e]] += m;
                        }
                    }
                }
            }
            double pmf = 0.0;
            for (int v : absorbing) {
                pmf += p[v];
                p[v] = 0.0;
            }
            if (k == wanted[next]) {
                result[next++] = pmf * g;
                if (k == last) {
                    return result;
                }
            }
        }
    }

    private int[] verticesWithEdges() {
        return IntStream.range(0, totalRate.length).filter(u -> !isAbsorbing(u)).toArray();
    }

    private int[] absorbingVertices() {
        return IntStream.range(0, totalRate.length).filter(this::isAbsorbing).toArray();
    }

    @Override
    public String toString() {
        return "PhaseTypeGraph[" + vertexCount() + " vertices, " + edgeWeight.length + " edges, start " + start + "]";
    }
}
