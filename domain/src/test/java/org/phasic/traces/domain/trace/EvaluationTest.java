package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** A one-vertex trace holding {@code ops}, over two parameters. */
    private static EliminationTrace program(Operation... ops) {
        return new EliminationTrace(List.of(ops), new int[] {0}, new int[][] {{}}, new int[][] {{}}, new int[][] {{}},
                0, 1, 0, 2, false, Map.of());
    }

    @Test
    void replaysEveryOperationType() {
        EliminationTrace trace = program(
                Operation.constant(1.5),     // 0
                Operation.param(1),          // 1 = 3
                Operation.dot(2.0, -1.0),    // 2 = 2*2 - 3 = 1
                Operation.add(0, 1),         // 3 = 4.5
                Operation.mul(3, 1),         // 4 = 13.5
                Operation.div(4, 1),         // 5 = 4.5
                Operation.inv(1),            // 6 = 1/3
                Operation.sum(0, 1, 2, 6),   // 7 = 1.5 + 3 + 1 + 1/3
                Operation.sum());            // 8 = 0
        double[] v = trace.replay(new double[] {2.0, 3.0});
        assertThat(v).containsExactly(new double[] {1.5, 3.0, 1.0, 4.5, 13.5, 4.5, 1.0 / 3, 1.5 + 3 + 1 + 1.0 / 3, 0.0},
                within(1e-15));
    }

    @Test
    void reportsDivisionByZero() {
        EliminationTrace div = program(Operation.constant(1.0), Operation.dot(1.0, -1.0), Operation.div(0, 1));
        assertThatThrownBy(() -> div.replay(new double[] {2.0, 2.0}))
                .isInstanceOf(TraceEvaluationException.class)
                .hasMessage("operations[2] (DIV): division by zero (operations[1] is 0)");
        EliminationTrace inv = program(Operation.param(0), Operation.inv(0));
        assertThatThrownBy(() -> inv.replay(new double[] {0.0, 1.0}))
                .isInstanceOf(TraceEvaluationException.class)
                .hasMessage("operations[1] (INV): division by zero (operations[0] is 0)");
        assertThat(inv.replay(new double[] {4.0, 1.0})[1]).isEqualTo(0.25);
    }

    @Test
    void reportsNonFiniteResults() {
        EliminationTrace trace = program(Operation.constant(1e200), Operation.mul(0, 0));
        assertThatThrownBy(() -> trace.replay(new double[] {0, 0}))
                .isInstanceOf(TraceEvaluationException.class)
                .hasMessage("operations[1] (MUL) evaluated to Infinity");
    }

    @Test
    void checksTheta() {
        EliminationTrace trace = program(Operation.constant(1.0));
        assertThatThrownBy(() -> trace.replay(new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("theta has 1 value(s) but the trace has param_length = 2");
        assertThatThrownBy(() -> trace.replay(new double[] {1.0, Double.NaN}))
                .hasMessage("theta[1] = NaN: must be a finite number");
    }

    @Test
    void instantiatesWeightsFromProbabilitiesAndRates() {
        PhaseTypeGraph graph = new TraceSpec().build().instantiate(new double[] {1.5});
        assertThat(graph.vertexCount()).isEqualTo(3);
        assertThat(graph.startVertex()).isZero();
        assertThat(graph.edgeCount(0)).isEqualTo(1);
        assertThat(graph.edgeTarget(0, 0)).isEqualTo(1);
        assertThat(graph.edgeWeight(0, 0)).isCloseTo(1.0, within(1e-15));
        assertThat(graph.edgeTarget(1, 0)).isEqualTo(2);
        assertThat(graph.edgeWeight(1, 0)).isCloseTo(3.0, within(1e-15));
        assertThat(graph.isAbsorbing(2)).isTrue();
    }

    @Test
    void vertexWithZeroInverseRateAbsorbsEvenWithEdges() {
        TraceSpec spec = new TraceSpec();
        spec.vertexRates = new int[] {2, 6, 6};
        PhaseTypeGraph graph = spec.build().instantiate(new double[] {1.0});
        assertThat(graph.isAbsorbing(1)).isTrue();
        assertThat(graph.edgeCount(0)).isEqualTo(1);
    }

    @Test
    void facadeMatchesGraph() {
        EliminationTrace trace = new TraceSpec().build();
        double[] theta = {1.0};
        PhaseTypeGraph graph = trace.instantiate(theta);
        assertThat(trace.pdf(theta, 0.7, 100)).isEqualTo(graph.pdf(0.7, 100));
        assertThat(trace.pdf(theta, new double[] {0.7, 0.2}, 100)).containsExactly(graph.pdf(new double[] {0.7, 0.2}, 100));
        assertThat(trace.logLikelihood(theta, new double[] {0.7, 0.2}, 100))
                .isEqualTo(graph.logLikelihood(new double[] {0.7, 0.2}, 100));
        assertThat(trace.exactPdf(theta, 0.7)).isEqualTo(graph.exactPdf(0.7));
    }
}
