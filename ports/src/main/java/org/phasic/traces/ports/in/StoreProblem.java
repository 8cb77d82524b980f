package org.phasic.traces.ports.in;

/**
 * Something wrong in the local store.
 *
 * @param what   the entry, e.g. {@code coalescent_n5_theta1/trace.json.gz}
 * @param reason what is wrong
 * @param fixed  whether it was removed
 */
public record StoreProblem(String what, String reason, boolean fixed) {
}
