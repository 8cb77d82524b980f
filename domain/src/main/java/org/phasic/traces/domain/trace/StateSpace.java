package org.phasic.traces.domain.trace;

import java.util.List;

/**
 * A state space described by its transitions, as phasic's {@code Graph(callback=...)} takes it:
 * for a state (a vector of ints), the list of its outgoing transitions; an empty list makes the
 * state absorbing.
 */
@FunctionalInterface
public interface StateSpace {
    /** The outgoing transitions of {@code state}; never null. The array must not be modified. */
    List<Transition> transitionsFrom(int[] state);
}
