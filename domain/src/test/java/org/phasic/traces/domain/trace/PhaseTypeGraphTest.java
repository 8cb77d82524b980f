package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhaseTypeGraphTest {
    /** start → 1 with the given start weights (all to vertex 1), 1 → 2 at rate r, 2 absorbs. */
    private static PhaseTypeGraph exponential(double r, double... startWeights) {
        int[] startTargets = new int[startWeights.length];
        java.util.Arrays.fill(startTargets, 1);
        return new PhaseTypeGraph(0, new int[][] {startTargets, {2}, {}},
                new double[][] {startWeights, {r}, {}});
    }

    /** Discretised density at step k ≥ 1 of a single exponential phase, by hand: r (1 - r/g)^(k-1). */
    private static double geometric(double r, int g, int k) {
        return r * Math.pow(1 - r / g, k - 1);
    }

    @Test
    void followsTheForwardAlgorithmStepByStep() {
        PhaseTypeGraph graph = exponential(2.0, 1.0);
        assertThat(graph.pdf(0.0, 100)).isZero();
        assertThat(graph.pdf(1.0, 100)).isCloseTo(geometric(2.0, 100, 100), within(1e-12));
        assertThat(graph.pdf(1.5, 100)).isCloseTo(geometric(2.0, 100, 150), within(1e-12));
        assertThat(graph.pdf(1.234, 100)).isCloseTo(geometric(2.0, 100, 123), within(1e-12));
    }

    @Test
    void timeIsAFloatAndTheIndexAFloatProduct() {
        PhaseTypeGraph graph = exponential(2.0, 1.0);
        // (float) 0.01 is 0.0099999998 but 100f * 0.0099999998f rounds to 1.0f: step 1, as phasic's C++ API
        assertThat(graph.pdf(0.01, 100)).isCloseTo(geometric(2.0, 100, 1), within(1e-12));
        // a time between two floats is rounded to the float first: 0.029999999 rounds to 0.03f, step 3
        assertThat(graph.pdf(0.0299999999, 100)).isCloseTo(geometric(2.0, 100, 3), within(1e-12));
        assertThat(graph.pdf(0.0299, 100)).isCloseTo(geometric(2.0, 100, 2), within(1e-12));
    }

    @Test
    void startWeightsAreNotNormalised() {
        PhaseTypeGraph tripled = exponential(2.0, 1.0, 2.0);
        assertThat(tripled.pdf(1.0, 100)).isCloseTo(3 * geometric(2.0, 100, 100), within(1e-12));
        assertThat(tripled.exactPdf(1.0)).isCloseTo(3 * 2 * Math.exp(-2.0), within(1e-12));
    }

    @Test
    void massSentStraightToAbsorptionIsTheStepZeroPmf() {
        PhaseTypeGraph graph = new PhaseTypeGraph(0, new int[][] {{1, 2}, {2}, {}},
                new double[][] {{0.25, 0.75}, {2.0}, {}});
        assertThat(graph.pdf(0.0, 100)).isCloseTo(0.75 * 100, within(1e-12));
        assertThat(graph.pdf(1.0, 100)).isCloseTo(0.25 * geometric(2.0, 100, 100), within(1e-12));
        assertThat(graph.exactPdf(1.0)).isCloseTo(0.25 * 2 * Math.exp(-2.0), within(1e-12));
    }

    @Test
    void absorbingStartGivesAllMassAtStepZero() {
        PhaseTypeGraph graph = new PhaseTypeGraph(0, new int[][] {{}}, new double[][] {{}});
        assertThat(graph.pdf(0.0, 10)).isEqualTo(10.0);
        assertThat(graph.pdf(1.0, 10)).isZero();
        assertThat(graph.exactPdf(1.0)).isZero();
    }

    @Test
    void manyTimesInOnePassMatchSingleCalls() {
        PhaseTypeGraph graph = exponential(3.0, 1.0);
        double[] times = {2.5, 0.1, 1.0, 0.1, 0.0};
        double[] densities = graph.pdf(times, 200);
        for (int i = 0; i < times.length; i++) {
            assertThat(densities[i]).isEqualTo(graph.pdf(times[i], 200));
        }
        double expectedLl = 0;
        for (double d : densities) {
            expectedLl += Math.log(Math.max(d, 1e-10));
        }
        assertThat(graph.logLikelihood(times, 200)).isCloseTo(expectedLl, within(1e-12));
        assertThat(graph.logLikelihood(new double[] {0.0}, 200)).isCloseTo(Math.log(1e-10), within(1e-12));
    }

    @Test
    void automaticGranularityIsTwiceTheLargerOf512AndTheMaxRate() {
        assertThat(exponential(2.0, 1.0).resolveGranularity(0)).isEqualTo(1024);
        assertThat(exponential(600.0, 1.0).resolveGranularity(0)).isEqualTo(1200);
        assertThat(exponential(600.3, 1.0).resolveGranularity(0)).isEqualTo(1201);
        assertThat(exponential(2.0, 1.0).pdf(1.0, 0)).isCloseTo(geometric(2.0, 1024, 1024), within(1e-12));
    }

    @Test
    void refusesTooCoarseOrNegativeGranularity() {
        assertThatThrownBy(() -> exponential(2.0, 1.0).pdf(1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("granularity 1 is too coarse: vertex 1 has total out-rate 2.0 and 2.0/1 > 1.0001; use a granularity"
                        + " between 2 and 100000000");
        assertThatThrownBy(() -> exponential(2.0, 1.0).resolveGranularity(1)).hasMessageContaining("use at least 2");
        assertThatThrownBy(() -> exponential(2.0, 1.0).pdf(1.0, -3))
                .hasMessage("granularity must be >= 0 (0 = automatic), got -3");
        assertThat(exponential(2.0, 1.0).resolveGranularity(2)).isEqualTo(2);
        // the start vertex's weights are an initial distribution, not rates: not checked
        assertThat(exponential(2.0, 1.0, 2.0).resolveGranularity(2)).isEqualTo(2);
    }

    @Test
    void stiffModelsGetOneCoherentGranularityMessage() {
        PhaseTypeGraph stiff = exponential(95_000.0, 1.0);
        double[] late = {1.0, 600.0};
        assertThatThrownBy(() -> stiff.pdf(late, 0)).hasMessage("the automatic granularity 190000 needs 114000000 steps for"
                + " times[1] = 600.0, over the limit of 100000000; use a granularity between 94991 and 166666");
        assertThatThrownBy(() -> stiff.pdf(late, 1000)).hasMessage("granularity 1000 is too coarse: vertex 1 has total"
                + " out-rate 95000.0 and 95000.0/1000 > 1.0001; use a granularity between 94991 and 166666");
        assertThatThrownBy(() -> stiff.pdf(late, 200_000)).hasMessageContaining("use a granularity between 94991 and 166666");
        for (int g : new int[] {94_991, 166_666}) {
            assertThat(stiff.pdf(late, g)[0]).as("g = %d", g).isCloseTo(95_000.0 * Math.exp(-95_000.0), within(1e-300));
        }
        assertThatThrownBy(() -> stiff.pdf(new double[] {2000.0}, 94_991))
                .hasMessageStartingWith("no granularity fits times[0] = 2000.0: vertex 1 has total out-rate 95000.0, so the"
                        + " granularity must be at least 94991");
    }

    @Test
    void exactDensitiesOfSeveralTimesInOnePass() {
        PhaseTypeGraph graph = exponential(2.0, 1.0);
        double[] times = {0.0, 0.5, 1.0, 3.0};
        double[] exact = graph.exactPdf(times);
        for (int i = 0; i < times.length; i++) {
            assertThat(exact[i]).isCloseTo(2.0 * Math.exp(-2.0 * times[i]), within(1e-13));
            assertThat(exact[i]).isEqualTo(graph.exactPdf(times[i]));
        }
        assertThat(graph.exactFits(times)).isTrue();
        assertThat(exponential(95_000.0, 1.0).exactFits(new double[] {600.0})).isFalse();
        assertThatThrownBy(() -> exponential(95_000.0, 1.0).exactPdf(new double[] {600.0}))
                .hasMessageContaining("uniformisation terms; the limit is 2000000");
        PhaseTypeGraph loopBack = new PhaseTypeGraph(0, new int[][] {{1}, {0}}, new double[][] {{1.0}, {1.0}});
        assertThat(loopBack.exactFits(new double[] {1.0})).isFalse();
    }

    @Test
    void refusesBadTimes() {
        PhaseTypeGraph graph = exponential(2.0, 1.0);
        assertThatThrownBy(() -> graph.pdf(-0.5, 100)).hasMessage("times[0] = -0.5: must be a finite number >= 0");
        assertThatThrownBy(() -> graph.pdf(new double[] {1, Double.NaN}, 100))
                .hasMessage("times[1] = NaN: must be a finite number >= 0");
        assertThatThrownBy(() -> graph.pdf(1e9, 1000))
                .hasMessage("no granularity fits times[0] = 1.0E9: vertex 1 has total out-rate 2.0, so the granularity must be"
                        + " at least 2, and 2 * 1.0E9 exceeds the limit of 100000000 steps; evaluate at earlier times");
        assertThatThrownBy(() -> graph.exactPdf(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }

    @Test
    void refusesInconsistentGraphs() {
        assertThatThrownBy(() -> new PhaseTypeGraph(2, new int[][] {{}, {}}, new double[][] {{}, {}}))
                .hasMessage("start vertex 2 is out of range [0, 2)");
        assertThatThrownBy(() -> new PhaseTypeGraph(0, new int[][] {{5}}, new double[][] {{1.0}}))
                .hasMessage("edge 0->5: target out of range [0, 1)");
        assertThatThrownBy(() -> new PhaseTypeGraph(0, new int[][] {{0}}, new double[][] {{1.0, 2.0}}))
                .hasMessage("vertex 0 has 1 targets but 2 weights");
    }

    @Test
    void exactDensityOfTwoPhasesInSeries() {
        // start → a (rate 1) → b (rate 3) → absorbed: hypoexponential 1·3/(3-1)·(e^-t - e^-3t)
        PhaseTypeGraph graph = new PhaseTypeGraph(0, new int[][] {{1}, {2}, {3}, {}},
                new double[][] {{1.0}, {1.0}, {3.0}, {}});
        for (double t : new double[] {0.0, 0.1, 1.0, 4.0, 30.0}) {
            assertThat(graph.exactPdf(t)).isCloseTo(1.5 * (Math.exp(-t) - Math.exp(-3 * t)), within(1e-13));
        }
    }
}
