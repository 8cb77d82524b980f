package org.phasic.traces.domain.trace;

/**
 * Independent reference: the TMRCA of the Kingman coalescent with n samples is hypoexponential with
 * distinct rates λ_k = C(k,2)·θ, k = 2..n, whose density is
 * {@code f(t) = Σ_i λ_i e^{-λ_i t} Π_{j≠i} λ_j / (λ_j - λ_i)}.
 */
final class KingmanClosedForm {
    private KingmanClosedForm() {
    }

    static double density(int n, double theta, double t) {
        double[] rates = new double[n - 1];
        for (int k = 2; k <= n; k++) {
            rates[k - 2] = k * (k - 1) / 2.0 * theta;
        }
        double f = 0.0;
        for (int i = 0; i < rates.length; i++) {
            double c = rates[i];
            for (int j = 0; j < rates.length; j++) {
                if (j != i) {
                    c *= rates[j] / (rates[j] - rates[i]);
                }
            }
            f += c * Math.exp(-rates[i] * t);
        }
        return f;
    }
}
