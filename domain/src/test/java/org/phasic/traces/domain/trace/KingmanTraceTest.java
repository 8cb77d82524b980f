package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KingmanTraceTest {
    private static final double[] TIMES = {0.05, 0.1, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 6.0};

    @Test
    void closedFormReferenceValues() {
        assertThat(KingmanClosedForm.density(5, 1.0, 1.0)).isCloseTo(0.529790, within(5e-7));
        assertThat(KingmanClosedForm.density(5, 1.0, 1.5)).isCloseTo(0.399020, within(5e-7));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void recordedTraceHasOneVertexPerLineageCount(int n) {
        EliminationTrace trace = KingmanCoalescent.trace(n);
        assertThat(trace.nVertices()).isEqualTo(n + 1);
        assertThat(trace.paramLength()).isEqualTo(1);
        assertThat(trace.stateLength()).isEqualTo(1);
        assertThat(trace.startingVertexIdx()).isZero();
        assertThat(trace.states()[0]).containsExactly(0);
        for (int v = 1; v <= n; v++) {
            assertThat(trace.states()[v]).containsExactly(n + 1 - v);
        }
        assertThat(trace.edgeCount()).isEqualTo(n);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void ratesAreCountedOnce(int n) {
        double theta = 2.5;
        PhaseTypeGraph graph = KingmanCoalescent.trace(n).instantiate(new double[] {theta});
        assertThat(graph.totalOutRate(0)).isCloseTo(1.0, within(1e-15));
        for (int v = 1; v < n; v++) {
            int lineages = n + 1 - v;
            assertThat(graph.edgeCount(v)).isEqualTo(1);
            assertThat(graph.totalOutRate(v)).isCloseTo(lineages * (lineages - 1) / 2.0 * theta, within(1e-12));
        }
        assertThat(graph.isAbsorbing(n)).isTrue();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void exactDensityMatchesClosedFormTo1e9(int n) {
        EliminationTrace trace = KingmanCoalescent.trace(n);
        for (double theta : new double[] {1.0, 0.4, 2.5}) {
            PhaseTypeGraph graph = trace.instantiate(new double[] {theta});
            for (double t : TIMES) {
                assertThat(graph.exactPdf(t)).as("n=%d theta=%s t=%s", n, theta, t)
                        .isCloseTo(KingmanClosedForm.density(n, theta, t), within(1e-9));
            }
        }
    }

    @Test
    void exactDensityGivesTheReferenceNumbers() {
        EliminationTrace trace = KingmanCoalescent.trace(5);
        assertThat(trace.exactPdf(new double[] {1.0}, 1.0)).isCloseTo(0.529790, within(5e-7));
        assertThat(trace.exactPdf(new double[] {1.0}, 1.5)).isCloseTo(0.399020, within(5e-7));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void discretisedDensityConvergesToClosedForm(int n) {
        PhaseTypeGraph graph = KingmanCoalescent.trace(n).instantiate(new double[] {1.0});
        double previous = Double.POSITIVE_INFINITY;
        for (int g : new int[] {1000, 10000, 100000}) {
            double worst = 0;
            for (double t : new double[] {0.5, 1.0, 1.5, 3.0}) {
                worst = Math.max(worst, Math.abs(graph.pdf(t, g) - KingmanClosedForm.density(n, 1.0, t)));
            }
            System.out.printf("kingman n=%d g=%d max |discretised - closed form| = %.3g%n", n, g, worst);
            assertThat(worst).as("n=%d g=%d", n, g).isLessThan(previous).isLessThan(2.0 / g);
            previous = worst;
        }
    }
}
