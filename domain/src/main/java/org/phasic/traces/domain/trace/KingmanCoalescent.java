package org.phasic.traces.domain.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kingman coalescent with n samples as a state space: state {@code [k]} is k lineages, which
 * coalesce to {@code [k-1]} at rate {@code C(k,2)·θ}; {@code [1]} absorbs. The start state {@code [0]}
 * enters {@code [n]} with weight 1. The absorption time is the time to the most recent common ancestor.
 */
public final class KingmanCoalescent {
    private KingmanCoalescent() {
    }

    /** The state space for {@code samples} lineages (at least 2), with one parameter θ. */
    public static StateSpace stateSpace(int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be >= 2, got " + samples);
        }
        return state -> {
            int k = state[0];
            if (k == 0) {
                return List.of(Transition.to(new int[] {samples}, 1.0));
            }
            if (k == 1) {
                return List.of();
            }
            return List.of(Transition.to(new int[] {k - 1}, new double[] {pairs(k)}));
        };
    }

    /** The recorded trace for {@code samples} lineages: {@code samples + 1} vertices, one parameter. */
    public static EliminationTrace trace(int samples) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("model", "kingman-coalescent");
        metadata.put("samples", samples);
        return TraceBuilder.withParameters(1)
                .metadata(metadata)
                .build(new int[] {0}, stateSpace(samples));
    }

    /** {@code C(k,2) = k(k-1)/2}, the number of pairs among k lineages. */
    public static double pairs(int k) {
        return k * (k - 1) / 2.0;
    }
}
