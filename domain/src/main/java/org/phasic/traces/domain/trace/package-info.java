/**
 * Elimination traces of the phasic library: the model ({@link org.phasic.traces.domain.trace.EliminationTrace}),
 * its evaluation (replay, instantiation, discretised and exact densities, log-likelihood) and
 * recording of new traces from a state space ({@link org.phasic.traces.domain.trace.TraceBuilder}).
 */
package org.phasic.traces.domain.trace;
