package org.phasic.traces.domain.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mutable description of a small valid trace (start → [1] at weight 1 → [2] at rate 2θ → absorbed),
 * for tests that break one field at a time.
 */
final class TraceSpec {
    List<Operation> operations = new ArrayList<>(List.of(
            Operation.constant(1.0),   // 0
            Operation.dot(2.0),        // 1
            Operation.inv(0),          // 2: start 1/rate
            Operation.mul(0, 2),       // 3: start -> 1
            Operation.inv(1),          // 4: vertex 1 1/rate
            Operation.mul(1, 4),       // 5: 1 -> 2
            Operation.constant(0.0))); // 6: absorbing 1/rate
    int[] vertexRates = {2, 4, 6};
    int[][] edgeProbs = {{3}, {5}, {}};
    int[][] vertexTargets = {{1}, {2}, {}};
    int[][] states = {{0}, {1}, {2}};
    int start = 0;
    int nVertices = 3;
    int stateLength = 1;
    int paramLength = 1;
    Map<String, ?> metadata = Map.of();

    EliminationTrace build() {
        return new EliminationTrace(operations, vertexRates, edgeProbs, vertexTargets, states, start, nVertices,
                stateLength, paramLength, false, metadata);
    }
}
