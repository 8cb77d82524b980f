package org.phasic.traces.domain.trace;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An outgoing transition of a state: the target state and its weight, a constant plus an optional
 * linear form over the parameters ({@code constant + coefficients · θ}). Immutable.
 */
public final class Transition {
    private final int[] target;
    private final double constant;
    private final double[] coefficients;

    private Transition(int[] target, double constant, double[] coefficients) {
        this.target = Objects.requireNonNull(target, "target").clone();
        this.constant = constant;
        this.coefficients = coefficients == null ? null : coefficients.clone();
    }

    /** A transition with constant weight {@code weight}. */
    public static Transition to(int[] target, double weight) {
        return new Transition(target, weight, null);
    }

    /** A transition with weight {@code coefficients · θ}. */
    public static Transition to(int[] target, double[] coefficients) {
        return new Transition(target, 0.0, Objects.requireNonNull(coefficients, "coefficients"));
    }

    /** A transition with weight {@code constant + coefficients · θ}. */
    public static Transition to(int[] target, double constant, double[] coefficients) {
        return new Transition(target, constant, Objects.requireNonNull(coefficients, "coefficients"));
    }

    /** A copy of the target state. */
    public int[] target() {
        return target.clone();
    }

    int[] targetUnsafe() {
        return target;
    }

    public double constant() {
        return constant;
    }

    /** A copy of the coefficients, if the weight depends on the parameters. */
    public Optional<double[]> coefficients() {
        return coefficients == null ? Optional.empty() : Optional.of(coefficients.clone());
    }

    double[] coefficientsUnsafe() {
        return coefficients;
    }

    @Override
    public String toString() {
        return "-> " + Arrays.toString(target) + " weight " + constant
                + (coefficients == null ? "" : " + " + Arrays.toString(coefficients) + "·θ");
    }
}
