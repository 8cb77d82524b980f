package org.phasic.traces.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.ParameterDomain;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.PhaseTypeGraph;
import org.phasic.traces.domain.trace.TraceEvaluationException;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * Evaluates traces, by id (θ checked against the entry's declared parameter domains) or from a local file: exactly
 * (uniformisation) where that fits and no granularity was asked, otherwise by phasic's discretised forward algorithm,
 * with an estimate of each density's error.
 */
public final class EvaluationService implements EvaluateTraceUseCase {
    private final GetTraceUseCase traces;
    private final TraceCodec codec;

    /** @param traces finds a trace by id (normally the fetch chain: local store, bundled library, network) */
    public EvaluationService(GetTraceUseCase traces, TraceCodec codec) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Evaluation evaluate(TraceId id, double[] theta, double[] times, int granularity) {
        LoadedTrace loaded = traces.get(id, false);
        checkDomains(loaded.entry(), loaded.trace(), theta);
        return evaluate(loaded.trace(), theta, times, granularity, loaded.warning());
    }

    @Override
    public Evaluation evaluate(Path file, double[] theta, double[] times, int granularity) {
        EliminationTrace trace;
        try (InputStream in = Files.newInputStream(file)) {
            trace = codec.read(in);
        } catch (NoSuchFileException e) {
            throw new OperationFailedException("cannot read " + file + ": no such file", Hint.of(Hint.Kind.CHECK_INPUT, file.toString()), e);
        } catch (IOException | InvalidTraceException e) {
            throw new OperationFailedException("cannot read " + file + ": " + e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, file.toString()), e);
        }
        return evaluate(trace, theta, times, granularity, Optional.empty());
    }

    /** Refuses θ outside a declared domain; domains in notation {@link ParameterDomain} does not read are not checked. */
    private static void checkDomains(TraceEntry entry, EliminationTrace trace, double[] theta) {
        List<Parameter> parameters = entry.metadata() == null ? List.of() : entry.metadata().parameters();
        if (theta.length != trace.paramLength()) {
            return;
        }
        for (int k = 0; k < Math.min(theta.length, parameters.size()); k++) {
            Parameter parameter = parameters.get(k);
            Optional<ParameterDomain> domain = parameter.parsedDomain();
            if (domain.isPresent() && !domain.get().contains(theta[k])) {
                throw new InvalidInputException("theta[" + k + "] = " + theta[k] + " is outside the domain of "
                        + UntrustedText.printable(parameter.name()) + ", " + UntrustedText.printable(domain.get().toString())
                        + ", that " + entry.id() + " declares", Hint.of(Hint.Kind.CHECK_INPUT, "theta"));
            }
        }
    }

    private static Evaluation evaluate(EliminationTrace trace, double[] theta, double[] times, int granularity,
                                       Optional<String> warning) {
        try {
            PhaseTypeGraph graph = trace.instantiate(theta);
            boolean exactFits = graph.exactFits(times);
            if (granularity == 0 && exactFits) {
                double[] exact = graph.exactPdf(times);
                double[] error = new double[times.length];
                Arrays.fill(error, Evaluation.EXACT_RELATIVE_ERROR);
                return result(trace, Method.EXACT, 0, exact, error, warning);
            }
            int g = graph.resolveGranularity(granularity, times);
            double[] densities = graph.pdf(times, g);
            double[] error = exactFits ? relativeDifference(densities, graph.exactPdf(times), 1.0)
                    : richardson(graph, times, g, densities);
            return result(trace, Method.DISCRETISED, g, densities, error, warning);
        } catch (TraceEvaluationException e) {
            throw new InvalidInputException("the trace cannot be evaluated at theta = " + Arrays.toString(theta) + ": "
                    + e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, "theta"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, "theta, times, granularity"));
        }
    }

    private static Evaluation result(EliminationTrace trace, Method method, int g, double[] densities, double[] error,
                                     Optional<String> warning) {
        int floored = (int) Arrays.stream(densities).filter(d -> d < PhaseTypeGraph.LOG_FLOOR).count();
        return new Evaluation(trace, method, g, densities, error, PhaseTypeGraph.logLikelihoodOf(densities), floored, warning);
    }

    /**
     * The first-order error estimate of the discretised densities: twice their difference to a run at twice the
     * granularity (or, when that exceeds the step limit, their difference to a run at half of it); NaN when neither
     * run is possible.
     */
    private static double[] richardson(PhaseTypeGraph graph, double[] times, int g, double[] densities) {
        for (long other : new long[] {2L * g, g / 2}) {
            if (other < 1 || other > Integer.MAX_VALUE) {
                continue;
            }
            try {
                double[] reference = graph.pdf(times, graph.resolveGranularity((int) other, times));
                return relativeDifference(densities, reference, other > g ? 2.0 : 1.0);
            } catch (IllegalArgumentException outOfRange) {
                // this granularity does not fit; try the next one
            }
        }
        double[] unknown = new double[times.length];
        Arrays.fill(unknown, Double.NaN);
        return unknown;
    }

    private static double[] relativeDifference(double[] values, double[] reference, double factor) {
        double[] error = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double scale = Math.max(Math.abs(reference[i]), Math.abs(values[i]));
            error[i] = scale == 0.0 ? 0.0 : factor * Math.abs(values[i] - reference[i]) / scale;
        }
        return error;
    }
}
