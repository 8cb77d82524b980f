package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceBuilderTest {
    private static int[] s(int v) {
        return new int[] {v};
    }

    /** A diamond: [0] → [1]; [1] → [2] (θ0), [1] → [3] (1 + 2θ1); [2] → [4] (1.0); [3] → [4] (3θ0); [4] absorbs. */
    private static final StateSpace DIAMOND = state -> switch (state[0]) {
        case 0 -> List.of(Transition.to(s(1), 1.0));
        case 1 -> List.of(Transition.to(s(2), new double[] {1, 0}), Transition.to(s(3), 1.0, new double[] {0, 2}));
        case 2 -> List.of(Transition.to(s(4), 1.0));
        case 3 -> List.of(Transition.to(s(4), new double[] {3, 0}));
        default -> List.of();
    };

    @Test
    void exploresBreadthFirstAndRecordsEachWeightOnce() {
        EliminationTrace trace = TraceBuilder.withParameters(2).build(s(0), DIAMOND);
        assertThat(trace.states()).isDeepEqualTo(new int[][] {{0}, {1}, {2}, {3}, {4}});
        assertThat(trace.vertexTargets()).isDeepEqualTo(new int[][] {{1}, {2, 3}, {4}, {4}, {}});
        double[] theta = {0.7, 1.3};
        PhaseTypeGraph graph = trace.instantiate(theta);
        assertThat(graph.edgeWeight(0, 0)).isCloseTo(1.0, within(1e-15));
        assertThat(graph.edgeWeight(1, 0)).isCloseTo(0.7, within(1e-15));
        assertThat(graph.edgeWeight(1, 1)).isCloseTo(1 + 2 * 1.3, within(1e-15));
        assertThat(graph.edgeWeight(2, 0)).isCloseTo(1.0, within(1e-15));
        assertThat(graph.edgeWeight(3, 0)).isCloseTo(3 * 0.7, within(1e-15));
        assertThat(graph.totalOutRate(1)).isCloseTo(0.7 + 1 + 2 * 1.3, within(1e-15));
        assertThat(graph.isAbsorbing(4)).isTrue();
    }

    @Test
    void sharesEqualConstantsAndRecordsCombinedWeightsAsAdd() {
        EliminationTrace trace = TraceBuilder.withParameters(2).build(s(0), DIAMOND);
        long constOnes = trace.operations().stream()
                .filter(op -> op.type() == OpType.CONST && op.constValue().getAsDouble() == 1.0).count();
        assertThat(constOnes).isEqualTo(1);
        assertThat(trace.operations()).filteredOn(op -> op.type() == OpType.ADD).hasSize(1);
        assertThat(trace.operations()).filteredOn(op -> op.type() == OpType.SUM).hasSize(1);
        assertThat(trace.metadata()).containsEntry("recorder", "phasic-traces TraceBuilder")
                .containsEntry("parameterized", true)
                .containsEntry("total_operations", trace.operations().size());
    }

    @Test
    void keepsExtraMetadataInOrder() {
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("zeta", 1);
        extra.put("alpha", "x");
        EliminationTrace trace = TraceBuilder.withParameters(2).metadata(extra).build(s(0), DIAMOND);
        assertThat(trace.metadata().keySet()).containsExactly("recorder", "parameterized", "total_operations", "zeta", "alpha");
    }

    @Test
    void refusesACycle() {
        StateSpace cyclic = state -> switch (state[0]) {
            case 0 -> List.of(Transition.to(s(1), 1.0));
            case 1 -> List.of(Transition.to(s(2), 1.0));
            case 2 -> List.of(Transition.to(s(1), 2.0), Transition.to(s(3), 1.0));
            default -> List.of();
        };
        assertThatThrownBy(() -> TraceBuilder.withParameters(0).build(s(0), cyclic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state space has a cycle: [1] -> [2] -> [1]; TraceBuilder records acyclic state spaces only");
    }

    @Test
    void refusesASelfLoop() {
        StateSpace loop = state -> state[0] == 0 ? List.of(Transition.to(s(1), 1.0))
                : state[0] == 1 ? List.of(Transition.to(s(1), 1.0), Transition.to(s(2), 1.0)) : List.of();
        assertThatThrownBy(() -> TraceBuilder.withParameters(0).build(s(0), loop))
                .hasMessageStartingWith("state space has a cycle: [1] -> [1]");
    }

    @Test
    void refusesTransitionsThatDoNotFit() {
        assertThatThrownBy(() -> TraceBuilder.withParameters(1).build(s(0),
                state -> state[0] == 0 ? List.of(Transition.to(new int[] {1, 1}, 1.0)) : List.of()))
                .hasMessageContaining("target state has length 2, expected 1");
        assertThatThrownBy(() -> TraceBuilder.withParameters(1).build(s(0),
                state -> state[0] == 0 ? List.of(Transition.to(s(1), new double[] {1, 2})) : List.of()))
                .hasMessageContaining("has 2 coefficients, expected param_length = 1");
        assertThatThrownBy(() -> TraceBuilder.withParameters(1).build(s(0),
                state -> state[0] == 0 ? List.of(Transition.to(s(1), Double.NaN)) : List.of()))
                .hasMessageContaining("constant weight is not finite");
        assertThatThrownBy(() -> TraceBuilder.withParameters(1).build(s(0), state -> null))
                .hasMessage("transitions of state [0] are null");
    }

    @Test
    void refusesTooManyStates() {
        StateSpace endless = state -> List.of(Transition.to(s(state[0] + 1), 1.0));
        assertThatThrownBy(() -> TraceBuilder.withParameters(0).maxVertices(50).build(s(0), endless))
                .hasMessage("state space has more than 50 states");
    }

    @Test
    void findCycleOnAcyclicGraphIsNull() {
        assertThat(TraceBuilder.findCycle(new int[][] {{1, 2}, {2}, {}})).isNull();
        assertThat(TraceBuilder.findCycle(new int[][] {{1}, {2}, {0}})).containsExactly(0, 1, 2, 0);
    }
}
