package org.phasic.traces.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.PhaseTypeGraph;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.out.TraceCodec;

/** Evaluates traces by phasic's discretised forward algorithm; traces come by id or from a local file. */
public final class EvaluationService implements EvaluateTraceUseCase {
    private final Traces traces;
    private final TraceCodec codec;

    /** Finds a trace by id (normally {@link GetTraceUseCase}: local store, bundled library, network). */
    @FunctionalInterface
    public interface Traces {
        /** The trace {@code id}; throws a use-case exception when it cannot be had. */
        EliminationTrace trace(TraceId id);
    }

    public EvaluationService(GetTraceUseCase traces, TraceCodec codec) {
        this(id -> traces.get(id, false).trace(), codec);
    }

    public EvaluationService(Traces traces, TraceCodec codec) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Evaluation evaluate(TraceId id, double[] theta, double[] times, int granularity) {
        return evaluate(traces.trace(id), theta, times, granularity);
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
        return evaluate(trace, theta, times, granularity);
    }

    private static Evaluation evaluate(EliminationTrace trace, double[] theta, double[] times, int granularity) {
        PhaseTypeGraph graph = trace.instantiate(theta);
        int resolved = graph.resolveGranularity(granularity);
        double[] densities = graph.pdf(times, resolved);
        return new Evaluation(trace, resolved, densities, PhaseTypeGraph.logLikelihoodOf(densities));
    }
}
