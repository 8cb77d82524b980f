package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.PhaseTypeGraph;

/**
 * Evaluates a trace: densities at given times and their log-likelihood. By default the exact density (uniformisation)
 * where the model is small enough, otherwise, or when a granularity is given, phasic's discretised forward algorithm;
 * the result says which, and how accurate its values are.
 */
public interface EvaluateTraceUseCase {
    /**
     * Evaluates the verified trace {@code id} (fetched like {@link GetTraceUseCase#get}); θ must lie in the parameter
     * domains its registry entry declares (where their notation is understood).
     *
     * @param granularity 0: exact where it fits, otherwise discretised with phasic's automatic granularity; G &gt; 0:
     *                    discretised with G steps per time unit
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when it cannot be fetched
     * @throws InvalidInputException     when {@code theta} (outside a declared domain, the wrong count, a value the
     *                                   trace cannot be evaluated at), {@code times} or {@code granularity} do not fit
     */
    Evaluation evaluate(TraceId id, double[] theta, double[] times, int granularity);

    /**
     * Evaluates a local trace file ({@code .json} or {@code .json.gz}); it has no registry entry, so no domain check.
     *
     * @throws OperationFailedException when the file cannot be read or is not a valid trace
     * @throws InvalidInputException    when {@code theta}, {@code times} or {@code granularity} do not fit
     */
    Evaluation evaluate(Path file, double[] theta, double[] times, int granularity);

    /** How the densities were computed. */
    enum Method {
        /** Exact up to rounding, by uniformisation. */
        EXACT,
        /** phasic's discretised forward algorithm at {@link Evaluation#granularity()} steps per time unit. */
        DISCRETISED
    }

    /**
     * @param trace          the evaluated trace
     * @param method         how the densities were computed
     * @param granularity    the granularity used (resolved when 0 was asked); 0 for {@link Method#EXACT}
     * @param pdf            the density at each time
     * @param relativeError  for each density, an estimate of its relative error: {@link #EXACT_RELATIVE_ERROR} for the
     *                       exact method; for the discretised one the difference to the exact density where that fits,
     *                       otherwise twice the difference to the discretised density at twice (or half) the
     *                       granularity; {@code NaN} when none could be computed
     * @param logLikelihood  Σ log(max(pdf, {@value PhaseTypeGraph#LOG_FLOOR})), as phasic computes it
     * @param floored        how many densities were below {@value PhaseTypeGraph#LOG_FLOOR} and counted as it
     * @param warning        the registry's warning about the trace (superseded, known defect), shown once
     */
    record Evaluation(EliminationTrace trace, Method method, int granularity, double[] pdf, double[] relativeError,
                      double logLikelihood, int floored, Optional<String> warning) {
        /** A conservative bound on the relative error of an exact density. */
        public static final double EXACT_RELATIVE_ERROR = 1e-10;
        /** The most significant digits a density is shown with. */
        public static final int MAX_DIGITS = 10;
        /** The significant digits shown when the error could not be estimated. */
        public static final int UNKNOWN_DIGITS = 3;

        public Evaluation {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(warning, "warning");
            pdf = pdf.clone();
            relativeError = relativeError.clone();
            if (relativeError.length != pdf.length) {
                throw new IllegalArgumentException("one relative error per density");
            }
        }

        @Override
        public double[] pdf() {
            return pdf.clone();
        }

        @Override
        public double[] relativeError() {
            return relativeError.clone();
        }

        /** The largest relative error over the densities (NaN if one is unknown). */
        public double maxRelativeError() {
            double max = 0.0;
            for (double e : relativeError) {
                max = Double.isNaN(e) ? Double.NaN : Math.max(max, e);
            }
            return max;
        }

        /**
         * The significant digits density {@code i} deserves: those before its estimated error reaches the last digit
         * shown (1 to {@value #MAX_DIGITS}; {@value #UNKNOWN_DIGITS} when the error is unknown).
         */
        public int significantDigits(int i) {
            double value = Math.abs(pdf[i]);
            double error = relativeError[i] * value;
            if (Double.isNaN(error)) {
                return UNKNOWN_DIGITS;
            }
            if (value == 0.0 || error == 0.0) {
                return MAX_DIGITS;
            }
            int digits = (int) Math.floor(Math.floor(Math.log10(value)) + 1 - Math.log10(error));
            return Math.max(1, Math.min(MAX_DIGITS, digits));
        }

        /**
         * The decimals the log-likelihood deserves: its absolute error is about the sum of the densities' relative
         * errors (0 to {@value #MAX_DIGITS}; 3 when unknown).
         */
        public int logLikelihoodDecimals() {
            double error = 0.0;
            for (double e : relativeError) {
                error += e;
            }
            if (Double.isNaN(error)) {
                return UNKNOWN_DIGITS;
            }
            return error == 0.0 ? MAX_DIGITS : Math.max(0, Math.min(MAX_DIGITS, (int) Math.floor(-Math.log10(error))));
        }
    }
}
