package org.phasic.traces.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.TraceEvaluationException;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.UseCaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eval ID --theta 1.0 --times 1.0,1.5 [--granularity G] [--log-likelihood] [--json]}: the
 * densities of a trace at the given times (phasic's discretised forward algorithm) and optionally
 * their log-likelihood. The trace comes by id (the fetch chain), or from a local file with {@code --file PATH}. Exit codes: 0 success, 1 the trace could not be loaded or evaluated, 2 the
 * command line is wrong (including values that do not fit the trace).
 */
@Command(name = "eval",
        description = "Evaluate a trace: densities at the given times, optionally their log-likelihood.")
public final class EvalCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Pattern TRACE_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<EvaluateTraceUseCase> evaluation;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Trace id in the registry.")
    private String id;

    @Option(names = "--file", paramLabel = "PATH", description = "Evaluate a local trace.json(.gz) instead of an id.")
    private Path file;

    @Option(names = "--theta", required = true, split = ",", paramLabel = "VALUE",
            description = "Parameter values, comma-separated (as many as the trace's param_length).")
    private double[] theta;

    @Option(names = "--times", required = true, split = ",", paramLabel = "T",
            description = "Times at which to evaluate the density, comma-separated.")
    private double[] times;

    @Option(names = "--granularity", defaultValue = "0", paramLabel = "G",
            description = "Discretisation steps per time unit; 0 (default) = automatic, 2*max(512, max rate).")
    private int granularity;

    @Option(names = "--log-likelihood", description = "Also print the log-likelihood of the times.")
    private boolean logLikelihood;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    private boolean json;

    /** @param evaluation the use case, asked for only when a command line is run */
    public EvalCommand(Supplier<EvaluateTraceUseCase> evaluation) {
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if ((id == null) == (file == null)) {
                return fail(err, USAGE, "give either a trace ID or --file PATH");
            }
            if (id != null && !TRACE_ID.matcher(id).matches()) {
                return fail(err, USAGE, "invalid trace id '" + UntrustedText.printable(id) + "' (expected [a-z0-9][a-z0-9_.-]{0,127})");
            }
            if (file != null) {
                CliArguments.inputFile(spec, file, false);
            }
            print(evaluate());
            return OK;
        } catch (ParameterException | UnknownTraceException e) {
            return fail(err, USAGE, e.getMessage());
        } catch (UseCaseException | InvalidTraceException e) {
            return fail(err, FAILED, file != null ? e.getMessage() : "cannot get trace '" + id + "': " + e.getMessage());
        } catch (TraceEvaluationException e) {
            return fail(err, FAILED, "evaluation failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(err, USAGE, e.getMessage());
        }
    }

    private Evaluation evaluate() {
        EvaluateTraceUseCase useCase = evaluation.get();
        return file != null ? useCase.evaluate(file, theta, times, granularity)
                : useCase.evaluate(TraceId.of(id), theta, times, granularity);
    }

    private void print(Evaluation evaluation) {
        PrintWriter out = spec.commandLine().getOut();
        String name = id != null ? id : file.toString();
        EliminationTrace trace = evaluation.trace();
        int g = evaluation.granularity();
        double[] densities = evaluation.pdf();
        double ll = evaluation.logLikelihood();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("trace", name);
            result.put("theta", theta);
            result.put("granularity", g);
            result.put("times", times);
            result.put("pdf", densities);
            if (logLikelihood) {
                result.put("log_likelihood", ll);
            }
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%s: %d vertices, %d edges, %d operations; theta = %s, granularity %d%n", name,
                    trace.nVertices(), trace.edgeCount(), trace.operations().size(), Arrays.toString(theta), g);
            out.printf(Locale.ROOT, "%14s  %s%n", "t", "pdf");
            for (int i = 0; i < times.length; i++) {
                out.printf(Locale.ROOT, "%14s  %.7g%n", times[i], densities[i]);
            }
            if (logLikelihood) {
                out.printf(Locale.ROOT, "log-likelihood: %.10g%n", ll);
            }
        }
        out.flush();
    }

    private static int fail(PrintWriter err, int code, String message) {
        Main.report(err, message, "");
        return code;
    }
}
