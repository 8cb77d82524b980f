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
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Method;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.UseCaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eval ID --theta 1.0 --times 1.0,1.5 [--granularity G] [--log-likelihood] [--json]}: the
 * densities of a trace at the given times and optionally their log-likelihood: exact (uniformisation) where the model
 * is small enough, otherwise or with {@code --granularity G} phasic's discretised forward algorithm; the output says
 * which and shows as many digits as the method's estimated accuracy supports. The trace comes by id (the fetch chain), or from a local file with {@code --file PATH}. Exit codes: 0 success, 1 the trace could not be loaded or evaluated, 2 the
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
            description = "Use phasic's discretised algorithm with G steps per time unit. Default 0: the exact density "
                    + "where the model is small enough, otherwise discretised with 2*max(512, max rate) steps.")
    private int granularity;

    @Option(names = "--log-likelihood",
            description = "Also print the log-likelihood of the times (densities below 1e-10 count as 1e-10, as in phasic).")
    private boolean logLikelihood;

    @Mixin
    private JsonOutput json = new JsonOutput();

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
        } catch (UnknownTraceException e) {
            if (spec.root().userObject() instanceof PhasicTracesCommand) {
                throw e;
            }
            return fail(err, USAGE, e.getMessage());
        } catch (InvalidInputException | ParameterException e) {
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
        PrintWriter err = spec.commandLine().getErr();
        evaluation.warning().ifPresent(warning -> {
            err.println("warning: " + warning);
            err.flush();
        });
        String name = id != null ? id : file.toString();
        EliminationTrace trace = evaluation.trace();
        double[] densities = evaluation.pdf();
        if (json.enabled()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("trace", name);
            result.put("theta", theta);
            result.put("method", evaluation.method().name().toLowerCase(Locale.ROOT));
            result.put("granularity", evaluation.method() == Method.EXACT ? null : evaluation.granularity());
            result.put("times", times);
            result.put("pdf", densities);
            result.put("relative_error", Arrays.stream(evaluation.relativeError()).mapToObj(e -> Double.isNaN(e) ? null : e).toList());
            if (logLikelihood) {
                result.put("log_likelihood", evaluation.logLikelihood());
                result.put("log_likelihood_floored", evaluation.floored());
            }
            evaluation.warning().ifPresent(warning -> result.put("warning", warning));
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%s: %d vertices, %d edges, %d operations; theta = %s%n", name,
                    trace.nVertices(), trace.edgeCount(), trace.operations().size(), Arrays.toString(theta));
            out.println(methodLine(evaluation));
            out.printf(Locale.ROOT, "%14s  %s%n", "t", "pdf");
            for (int i = 0; i < times.length; i++) {
                out.printf(Locale.ROOT, "%14s  %s%n", times[i], significant(densities[i], evaluation.significantDigits(i)));
            }
            if (logLikelihood) {
                out.printf(Locale.ROOT, "log-likelihood: %." + evaluation.logLikelihoodDecimals() + "f%s%n",
                        evaluation.logLikelihood(), evaluation.floored() == 0 ? "" : " (" + evaluation.floored() + " of "
                                + times.length + " densities were below 1e-10 and counted as 1e-10, as phasic does)");
            }
        }
        out.flush();
    }

    /** Which method computed the densities, and how accurate they are. */
    static String methodLine(Evaluation evaluation) {
        double error = evaluation.maxRelativeError();
        if (evaluation.method() == Method.EXACT) {
            return String.format(Locale.ROOT, "exact density (uniformisation; relative error below %.0e)", error);
        }
        String accuracy = Double.isNaN(error) ? "error not estimated, " + Evaluation.UNKNOWN_DIGITS + " significant digits shown"
                : String.format(Locale.ROOT, "estimated relative error up to %.1e", error);
        return "discretised density (phasic's forward algorithm, granularity " + evaluation.granularity() + "; " + accuracy + ")";
    }

    private static String significant(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "g", value);
    }

    private static int fail(PrintWriter err, int code, String message) {
        Main.report(err, message, "");
        return code;
    }
}
