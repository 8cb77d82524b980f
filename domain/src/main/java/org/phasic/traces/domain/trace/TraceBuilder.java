package org.phasic.traces.domain.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Records a format-A {@link EliminationTrace} from a state space, exploring it breadth-first from a
 * start state as phasic's {@code Graph(callback=...)} does: the start state is vertex 0, every new
 * target state gets the next index, and each state's transitions are asked for once.
 *
 * <p>Each edge weight is recorded once (CONST, DOT, or ADD of both); a vertex with edges gets
 * {@code inv = INV(SUM(weights))} as its {@code vertex_rates} entry and {@code MUL(weight, inv)} per
 * edge, so instantiation gives back exactly the weights. Absorbing states get a CONST 0 rate.
 * Identical constants and coefficient vectors share one operation.
 *
 * <p>Only acyclic state spaces are recorded; a cycle (including a self-loop) is refused with an
 * {@link IllegalArgumentException} that shows it.
 */
public final class TraceBuilder {
    /** Default limit on the number of states explored. */
    public static final int DEFAULT_MAX_VERTICES = 1_000_000;

    private final int paramLength;
    private int maxVertices = DEFAULT_MAX_VERTICES;
    private Map<String, ?> metadata = Map.of();

    private TraceBuilder(int paramLength) {
        if (paramLength < 0) {
            throw new IllegalArgumentException("param_length must be >= 0, got " + paramLength);
        }
        this.paramLength = paramLength;
    }

    /** A builder for traces over {@code paramLength} parameters. */
    public static TraceBuilder withParameters(int paramLength) {
        return new TraceBuilder(paramLength);
    }

    /** Refuse state spaces with more than {@code max} states. */
    public TraceBuilder maxVertices(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxVertices must be >= 1, got " + max);
        }
        this.maxVertices = max;
        return this;
    }

    /** Extra metadata for the trace, added after the recorder's own entries (pass an ordered map for stable output). */
    public TraceBuilder metadata(Map<String, ?> metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        return this;
    }

    /**
     * Explores {@code space} from {@code start} and records the trace.
     *
     * @throws IllegalArgumentException for a transition that does not fit (state length, coefficient
     *                                  length, non-finite weight), too many states, or a cycle
     */
    public EliminationTrace build(int[] start, StateSpace space) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(space, "space");
        Exploration graph = explore(start.clone(), space);
        List<Integer> cycle = findCycle(graph.adjacency());
        if (cycle != null) {
            throw new IllegalArgumentException("state space has a cycle: "
                    + cycle.stream().map(v -> Arrays.toString(graph.states.get(v))).collect(Collectors.joining(" -> "))
                    + "; TraceBuilder records acyclic state spaces only");
        }
        return new Recorder(paramLength).record(graph, start.length, metadata);
    }

    private Exploration explore(int[] start, StateSpace space) {
        Exploration g = new Exploration();
        g.index(start, maxVertices);
        for (int u = 0; u < g.states.size(); u++) {
            int[] state = g.states.get(u);
            List<Transition> out = space.transitionsFrom(state.clone());
            if (out == null) {
                throw new IllegalArgumentException("transitions of state " + Arrays.toString(state) + " are null");
            }
            int[] targets = new int[out.size()];
            for (int j = 0; j < out.size(); j++) {
                Transition t = Objects.requireNonNull(out.get(j), "transition");
                check(t, state, start.length);
                targets[j] = g.index(t.targetUnsafe(), maxVertices);
            }
            g.transitions.add(List.copyOf(out));
            g.targets.add(targets);
        }
        return g;
    }

    private void check(Transition t, int[] from, int stateLength) {
        String edge = Arrays.toString(from) + " " + t;
        if (t.targetUnsafe().length != stateLength) {
            throw new IllegalArgumentException("transition " + edge + ": target state has length "
                    + t.targetUnsafe().length + ", expected " + stateLength);
        }
        if (!Double.isFinite(t.constant())) {
            throw new IllegalArgumentException("transition " + edge + ": constant weight is not finite");
        }
        double[] c = t.coefficientsUnsafe();
        if (c != null) {
            if (c.length != paramLength) {
                throw new IllegalArgumentException("transition " + edge + ": has " + c.length
                        + " coefficients, expected param_length = " + paramLength);
            }
            for (double x : c) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("transition " + edge + ": coefficient " + x + " is not finite");
                }
            }
        }
    }

    /** Finds a directed cycle, as the list of its vertices with the first repeated at the end; null if none. */
    static List<Integer> findCycle(int[][] adjacency) {
        int n = adjacency.length;
        byte[] color = new byte[n];
        int[] parent = new int[n];
        int[] nextEdge = new int[n];
        Deque<Integer> stack = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            if (color[s] != 0) {
                continue;
            }
            color[s] = 1;
            stack.push(s);
            while (!stack.isEmpty()) {
                int u = stack.peek();
                if (nextEdge[u] < adjacency[u].length) {
                    int v = adjacency[u][nextEdge[u]++];
                    if (color[v] == 0) {
                        color[v] = 1;
                        parent[v] = u;
                        stack.push(v);
                    } else if (color[v] == 1) {
                        List<Integer> cycle = new ArrayList<>();
                        for (int w = u; w != v; w = parent[w]) {
                            cycle.add(0, w);
                        }
                        cycle.add(0, v);
                        cycle.add(v);
                        return cycle;
                    }
                } else {
                    color[u] = 2;
                    stack.pop();
                }
            }
        }
        return null;
    }

    /** States in discovery order with their transitions and target indices. */
    private static final class Exploration {
        final List<int[]> states = new ArrayList<>();
        final List<List<Transition>> transitions = new ArrayList<>();
        final List<int[]> targets = new ArrayList<>();
        private final Map<StateKey, Integer> indexOf = new HashMap<>();

        int index(int[] state, int maxVertices) {
            StateKey key = new StateKey(state);
            Integer known = indexOf.get(key);
            if (known != null) {
                return known;
            }
            if (states.size() >= maxVertices) {
                throw new IllegalArgumentException("state space has more than " + maxVertices + " states");
            }
            int index = states.size();
            states.add(state.clone());
            indexOf.put(new StateKey(state.clone()), index);
            return index;
        }

        int[][] adjacency() {
            return targets.toArray(new int[0][]);
        }
    }

    private record StateKey(int[] state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey k && Arrays.equals(state, k.state);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(state);
        }
    }

    /** Appends operations; shares CONST and DOT operations with equal values. */
    private static final class Recorder {
        private final int paramLength;
        private final List<Operation> ops = new ArrayList<>();
        private final Map<Long, Integer> constants = new HashMap<>();
        private final Map<List<Double>, Integer> dots = new HashMap<>();

        Recorder(int paramLength) {
            this.paramLength = paramLength;
        }

        EliminationTrace record(Exploration g, int stateLength, Map<String, ?> extraMetadata) {
            int n = g.states.size();
            int[] vertexRates = new int[n];
            int[][] edgeProbs = new int[n][];
            for (int u = 0; u < n; u++) {
                List<Transition> out = g.transitions.get(u);
                if (out.isEmpty()) {
                    vertexRates[u] = constant(0.0);
                    edgeProbs[u] = new int[0];
                    continue;
                }
                int[] weights = out.stream().mapToInt(this::weight).toArray();
                int total = weights.length == 1 ? weights[0] : append(Operation.sum(weights));
                int inv = append(Operation.inv(total));
                edgeProbs[u] = Arrays.stream(weights).map(w -> append(Operation.mul(w, inv))).toArray();
                vertexRates[u] = inv;
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("recorder", "phasic-traces TraceBuilder");
            metadata.put("parameterized", paramLength > 0);
            metadata.put("total_operations", ops.size());
            metadata.putAll(extraMetadata);
            return new EliminationTrace(ops, vertexRates, edgeProbs, g.adjacency(),
                    g.states.toArray(new int[0][]), 0, n, stateLength, paramLength, false, metadata);
        }

        private int weight(Transition t) {
            double[] c = t.coefficientsUnsafe();
            if (c == null) {
                return constant(t.constant());
            }
            int dot = dots.computeIfAbsent(Arrays.stream(c).boxed().toList(), k -> append(Operation.dot(c)));
            return t.constant() == 0.0 ? dot : append(Operation.add(constant(t.constant()), dot));
        }

        private int constant(double value) {
            return constants.computeIfAbsent(Double.doubleToLongBits(value), k -> append(Operation.constant(value)));
        }

        private int append(Operation op) {
            ops.add(op);
            return ops.size() - 1;
        }
    }
}
