package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EliminationTraceValidationTest {
    @Test
    void validSpecBuilds() {
        EliminationTrace trace = new TraceSpec().build();
        assertThat(trace.nVertices()).isEqualTo(3);
        assertThat(trace.edgeCount()).isEqualTo(2);
        assertThat(trace.operations()).hasSize(7);
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                bad("operand not earlier", "operations[3].operands[1]", "does not refer to an earlier operation",
                        s -> s.operations.set(3, Operation.mul(0, 3))),
                bad("operand negative", "operations[2].operands[0]", "-1 does not refer",
                        s -> s.operations.set(2, Operation.inv(-1))),
                bad("operand beyond list", "operations[5].operands[0]", "9 does not refer",
                        s -> s.operations.set(5, Operation.mul(9, 4))),
                bad("wrong arity", "operations[3].operands", "MUL takes 2 operand(s), found 1",
                        s -> s.operations.set(3, Operation.of(OpType.MUL, new int[] {0}, null, null, null))),
                bad("const without value", "operations[0].const_value", "required for CONST",
                        s -> s.operations.set(0, Operation.of(OpType.CONST, new int[0], null, null, null))),
                bad("const not finite", "operations[0].const_value", "finite",
                        s -> s.operations.set(0, Operation.constant(Double.NaN))),
                bad("coefficients length", "operations[1].coefficients", "has length 2, expected param_length = 1",
                        s -> s.operations.set(1, Operation.dot(2.0, 3.0))),
                bad("coefficients missing", "operations[1].coefficients", "required for DOT",
                        s -> s.operations.set(1, Operation.of(OpType.DOT, new int[0], null, null, null))),
                bad("param index", "operations[1].param_idx", "parameter index 1 is out of range [0, 1)",
                        s -> s.operations.set(1, Operation.param(1))),
                bad("vertex_rates length", "vertex_rates", "has 2 entries, expected n_vertices = 3",
                        s -> s.vertexRates = new int[] {2, 4}),
                bad("vertex_rates index", "vertex_rates[1]", "operation index 7 is out of range [0, 7)",
                        s -> s.vertexRates = new int[] {2, 7, 6}),
                bad("edge_probs length", "edge_probs", "has 2 entries, expected n_vertices = 3",
                        s -> s.edgeProbs = new int[][] {{3}, {5}}),
                bad("edge_probs index", "edge_probs[1][0]", "operation index 70 is out of range",
                        s -> s.edgeProbs = new int[][] {{3}, {70}, {}}),
                bad("targets vs probs", "vertex_targets[0]", "has 2 targets but edge_probs[0] has 1 entries",
                        s -> s.vertexTargets = new int[][] {{1, 2}, {2}, {}}),
                bad("target out of range", "vertex_targets[1][0]", "vertex index 3 is out of range [0, 3)",
                        s -> s.vertexTargets = new int[][] {{1}, {3}, {}}),
                bad("states length", "states", "has 4 entries, expected n_vertices = 3",
                        s -> s.states = new int[][] {{0}, {1}, {2}, {3}}),
                bad("state width", "states[2]", "has length 2, expected state_length = 1",
                        s -> s.states = new int[][] {{0}, {1}, {2, 0}}),
                bad("start out of range", "starting_vertex_idx", "vertex index 3 is out of range [0, 3)",
                        s -> s.start = 3),
                bad("no vertices", "n_vertices", "must be at least 1",
                        s -> s.nVertices = 0),
                bad("negative param_length", "param_length", "must be >= 0",
                        s -> s.paramLength = -1),
                bad("missing row", "edge_probs[2]", "missing",
                        s -> s.edgeProbs = new int[][] {{3}, {5}, null}),
                bad("metadata value", "metadata.x", "not a JSON value",
                        s -> s.metadata = Map.of("x", new Object())));
    }

    private static Arguments bad(String name, String field, String message, Consumer<TraceSpec> breakIt) {
        return Arguments.of(name, field, message, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void reportsFieldAndIndex(String name, String field, String message, Consumer<TraceSpec> breakIt) {
        TraceSpec spec = new TraceSpec();
        breakIt.accept(spec);
        assertThatThrownBy(spec::build)
                .isInstanceOfSatisfying(InvalidTraceException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith("invalid trace: " + field + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void isImmutableAgainstCallerArrays() {
        TraceSpec spec = new TraceSpec();
        EliminationTrace trace = spec.build();
        spec.vertexTargets[0][0] = 2;
        spec.operations.set(0, Operation.constant(5.0));
        trace.vertexTargets()[1][0] = 0;
        assertThat(trace.vertexTargets()[0]).containsExactly(1);
        assertThat(trace.vertexTargets()[1]).containsExactly(2);
        assertThat(trace.operations().get(0)).isEqualTo(Operation.constant(1.0));
    }

    @Test
    void metadataIsDeeplyCopiedAndOrdered() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("k", 1);
        List<Object> list = new ArrayList<>(Arrays.asList("a", null, 2.5));
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("z", inner);
        metadata.put("a", list);
        TraceSpec spec = new TraceSpec();
        spec.metadata = metadata;
        EliminationTrace trace = spec.build();
        inner.put("k", 2);
        list.clear();
        assertThat(trace.metadata()).containsOnlyKeys("z", "a");
        assertThat(trace.metadata().keySet()).containsExactly("z", "a");
        assertThat(trace.metadata().get("z")).isEqualTo(Map.of("k", 1));
        assertThat(trace.metadata().get("a")).isEqualTo(Arrays.asList("a", null, 2.5));
        assertThatThrownBy(() -> trace.metadata().put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalTracesAreEqual() {
        assertThat(new TraceSpec().build()).isEqualTo(new TraceSpec().build())
                .hasSameHashCodeAs(new TraceSpec().build());
        TraceSpec other = new TraceSpec();
        other.states = new int[][] {{0}, {1}, {3}};
        assertThat(other.build()).isNotEqualTo(new TraceSpec().build());
    }
}
