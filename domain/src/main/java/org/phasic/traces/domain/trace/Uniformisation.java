package org.phasic.traces.domain.trace;

/**
 * Exact absorption-time density of a {@link PhaseTypeGraph} by uniformisation:
 * {@code f(t) = Σ_k Poisson(k; λt) · α P^k s}, with λ the largest total out-rate of a transient
 * vertex, {@code P = I + S/λ}, α the start vertex's edge weights and s the rates into absorbing
 * vertices. Poisson weights are computed in log space, so large λt does not underflow; the sum is
 * cut off beyond {@code λt + 10·sqrt(λt) + 30}, where the remaining Poisson mass is below 1e-20.
 */
final class Uniformisation {
    private Uniformisation() {
    }

    /** Most terms of the uniformisation sum one evaluation may take. */
    static final long MAX_TERMS = 2_000_000L;
    /** Most vertex-or-edge visits (terms × (vertices + edges)) one evaluation may take: about a second. */
    static final long MAX_WORK = 400_000_000L;

    static double density(PhaseTypeGraph graph, double t) {
        return densities(graph, new double[] {t})[0];
    }

    /**
     * The number of vertex-or-edge visits {@link #densities} needs for times up to {@code tMax}, or -1 when the
     * method does not apply (the start vertex has incoming edges).
     */
    static long work(PhaseTypeGraph graph, double tMax) {
        int[] target = graph.edgeTargets();
        for (int e = 0; e < target.length; e++) {
            if (target[e] == graph.startVertex()) {
                return -1;
            }
        }
        long terms = lastTerm(lambda(graph) * tMax) + 1;
        return terms > MAX_TERMS ? Long.MAX_VALUE : terms * (graph.vertexCount() + target.length + 1L);
    }

    /** Whether {@link #densities} applies to {@code graph} and stays within {@link #MAX_TERMS} and {@link #MAX_WORK}. */
    static boolean fits(PhaseTypeGraph graph, double tMax) {
        long work = work(graph, tMax);
        return work >= 0 && work <= MAX_WORK;
    }

    /** The densities at each of {@code times}: one pass computes {@code α P^k s} up to the latest time's last term. */
    static double[] densities(PhaseTypeGraph graph, double[] times) {
        int n = graph.vertexCount();
        int start = graph.startVertex();
        int[] edgeStart = graph.edgeStarts();
        int[] target = graph.edgeTargets();
        double[] weight = graph.edgeWeights();
        for (int e = 0; e < target.length; e++) {
            if (target[e] == start) {
                throw new IllegalArgumentException("exact density needs a start vertex without incoming edges");
            }
        }
        double[] result = new double[times.length];
        if (graph.isAbsorbing(start)) {
            return result;
        }
        double[] alpha = new double[n];
        for (int e = edgeStart[start]; e < edgeStart[start + 1]; e++) {
            if (!graph.isAbsorbing(target[e])) {
                alpha[target[e]] += weight[e];
            }
        }
        double[] exit = new double[n];
        for (int u = 0; u < n; u++) {
            if (u == start || graph.isAbsorbing(u)) {
                continue;
            }
            for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                if (graph.isAbsorbing(target[e])) {
                    exit[u] += weight[e];
                }
            }
        }
        double lambda = lambda(graph);
        if (lambda == 0.0) {
            return result;
        }
        double tMax = 0.0;
        for (double t : times) {
            tMax = Math.max(tMax, t);
        }
        long last = lastTerm(lambda * tMax);
        if (last + 1 > MAX_TERMS) {
            throw new IllegalArgumentException("the exact density at t = " + tMax + " needs " + (last + 1)
                    + " uniformisation terms; the limit is " + MAX_TERMS);
        }
        double[] terms = new double[(int) last + 1];
        double[] v = alpha.clone();
        double[] next = new double[n];
        for (int k = 0; k <= last; k++) {
            terms[k] = dot(v, exit);
            step(graph, v, next, lambda);
            double[] swap = v;
            v = next;
            next = swap;
        }
        for (int i = 0; i < times.length; i++) {
            result[i] = poissonSum(terms, lambda * times[i]);
        }
        return result;
    }

    /** {@code Σ_k Poisson(k; lt) · terms[k]} up to the cut-off of {@code lt}; Poisson weights in log space. */
    private static double poissonSum(double[] terms, double lt) {
        if (lt == 0.0) {
            return terms[0];
        }
        long last = lastTerm(lt);
        double logLt = Math.log(lt);
        double logWeight = -lt;
        double sum = 0.0;
        for (int k = 0; k <= last; k++) {
            sum += Math.exp(logWeight) * terms[k];
            logWeight += logLt - Math.log(k + 1.0);
        }
        return sum;
    }

    /** Beyond this term the remaining Poisson mass of mean {@code lt} is below 1e-20. */
    private static long lastTerm(double lt) {
        return lt == 0.0 ? 0 : (long) Math.ceil(lt + 10.0 * Math.sqrt(lt) + 30.0);
    }

    /** The largest total out-rate of a transient vertex other than the start vertex. */
    private static double lambda(PhaseTypeGraph graph) {
        double lambda = 0.0;
        for (int u = 0; u < graph.vertexCount(); u++) {
            if (u != graph.startVertex() && !graph.isAbsorbing(u)) {
                lambda = Math.max(lambda, graph.totalOutRate(u));
            }
        }
        return lambda;
    }

    /** {@code next = v · (I + S/λ)} over transient vertices; absorbed mass is dropped. */
    private static void step(PhaseTypeGraph graph, double[] v, double[] next, double lambda) {
        int n = v.length;
        int[] edgeStart = graph.edgeStarts();
        int[] target = graph.edgeTargets();
        double[] weight = graph.edgeWeights();
        for (int u = 0; u < n; u++) {
            next[u] = v[u] * (1.0 - graph.totalOutRate(u) / lambda);
        }
        for (int u = 0; u < n; u++) {
            if (v[u] != 0.0) {
                for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                    next[target[e]] += v[u] * weight[e] / lambda;
                }
            }
        }
        for (int u = 0; u < n; u++) {
            if (graph.isAbsorbing(u)) {
                next[u] = 0.0;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
