package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;

/** Evaluates a trace: densities at given times by phasic's discretised forward algorithm, and their log-likelihood. */
public interface EvaluateTraceUseCase {
    /**
     * Evaluates the verified trace {@code id} (fetched like {@link GetTraceUseCase#get}).
     *
     * @param granularity discretisation steps per time unit, 0 for automatic
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when it cannot be fetched
     * @throws IllegalArgumentException  when {@code theta} or {@code times} do not fit the trace
     * @throws org.phasic.traces.domain.trace.TraceEvaluationException when the evaluation fails
     */
    Evaluation evaluate(TraceId id, double[] theta, double[] times, int granularity);

    /**
     * Evaluates a local trace file ({@code .json} or {@code .json.gz}).
     *
     * @throws OperationFailedException when the file cannot be read or is not a valid trace
     */
    Evaluation evaluate(Path file, double[] theta, double[] times, int granularity);

    /**
     * @param trace         the evaluated trace
     * @param granularity   the granularity used (resolved when 0 was asked)
     * @param pdf           the density at each time
     * @param logLikelihood Σ log(max(pdf, 1e-10))
     */
    record Evaluation(EliminationTrace trace, int granularity, double[] pdf, double logLikelihood) {
        public Evaluation {
            Objects.requireNonNull(trace, "trace");
            pdf = pdf.clone();
        }

        @Override
        public double[] pdf() {
            return pdf.clone();
        }
    }
}
