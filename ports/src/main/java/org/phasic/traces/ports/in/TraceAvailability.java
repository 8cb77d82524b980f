package org.phasic.traces.ports.in;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the most recent pin-monitoring run found for one trace.
 *
 * @param traceId the registry id
 * @param gatewaysServing how many probed gateways served the trace correctly
 * @param gatewaysProbed how many gateways were probed
 * @param checkedAt when the run probed this trace
 * @param unreachableSince since when no gateway has served it, if it is unreachable now
 */
public record TraceAvailability(
        String traceId, int gatewaysServing, int gatewaysProbed, Instant checkedAt,
        Optional<Instant> unreachableSince) {
    public TraceAvailability {
        requireNonNull(traceId, "traceId");
        requireNonNull(checkedAt, "checkedAt");
        requireNonNull(unreachableSince, "unreachableSince");
    }

    /** True when at least one gateway served the trace. */
    public boolean reachable() {
        return gatewaysServing > 0;
    }
}
