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

    static double density(PhaseTypeGraph graph, double t) {
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
        double[] alpha = new double[n];
        if (graph.isAbsorbing(start)) {
            return 0.0;
        }
        for (int e = edgeStart[start]; e < edgeStart[start + 1]; e++) {
            if (!graph.isAbsorbing(target[e])) {
                alpha[target[e]] += weight[e];
            }
        }
        double[] exit = new double[n];
        double lambda = 0.0;
        for (int u = 0; u < n; u++) {
            if (u == start || graph.isAbsorbing(u)) {
                continue;
            }
            lambda = Math.max(lambda, graph.totalOutRate(u));
            for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                if (graph.isAbsorbing(target[e])) {
                    exit[u] += weight[e];
                }
            }
        }
        if (lambda == 0.0) {
            return 0.0;
        }
        double lt = lambda * t;
        if (lt == 0.0) {
            return dot(alpha, exit);
        }
        long last = (long) Math.ceil(lt + 10.0 * Math.sqrt(lt) + 30.0);
        double logLt = Math.log(lt);
        double logWeight = -lt;
        double[] v = alpha;
        double[] next = new double[n];
        double sum = 0.0;
        for (long k = 0; k <= last; k++) {
            sum += Math.exp(logWeight) * dot(v, exit);
            step(graph, v, next, lambda);
            double[] swap = v;
            v = next;
            next = swap;
            logWeight += logLt - Math.log(k + 1.0);
        }
        return sum;
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
