package org.phasic.traces.domain.trace;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation cost of the n = 20 Kingman trace (21 vertices) at θ = 1: replay + instantiate + one
 * discretised pdf at t = 1 with g = 1000 (1000 forward steps), and the log-likelihood of 1,000
 * TMRCA draws at g = 1000 (one forward pass up to the largest draw).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceEvaluationBenchmark {
    private static final int SAMPLES = 20;
    private static final int GRANULARITY = 1000;

    private EliminationTrace trace;
    private double[] theta;
    private double[] observations;

    @Setup
    public void setUp() {
        trace = KingmanCoalescent.trace(SAMPLES);
        theta = new double[] {1.0};
        observations = tmrcaDraws(1000, new Random(20));
    }

    /** TMRCA draws: the sum of Exp(C(k,2)) waiting times for k = n..2. */
    private static double[] tmrcaDraws(int count, Random random) {
        double[] draws = new double[count];
        for (int i = 0; i < count; i++) {
            double t = 0;
            for (int k = SAMPLES; k >= 2; k--) {
                t += -Math.log(1 - random.nextDouble()) / KingmanCoalescent.pairs(k);
            }
            draws[i] = t;
        }
        return draws;
    }

    @Benchmark
    public double[] replay() {
        return trace.replay(theta);
    }

    @Benchmark
    public double replayInstantiatePdf() {
        return trace.pdf(theta, 1.0, GRANULARITY);
    }

    @Benchmark
    public double logLikelihood1000Observations() {
        return trace.logLikelihood(theta, observations, GRANULARITY);
    }

    @Benchmark
    public double exactPdf() {
        return trace.exactPdf(theta, 1.0);
    }
}
