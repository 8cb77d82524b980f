package org.phasic.traces.ports.in;

import java.util.List;
import org.phasic.traces.domain.registry.TraceId;

/**
 * Pin monitoring: asks every gateway for every registry trace (or the given ones), asks the configured pinning services
 * for their status, and records the outcome so later runs (and {@link TraceAvailabilityUseCase}) know since when a trace
 * has been unreachable.
 */
public interface CheckHealthUseCase {
    /**
     * Probes and records one run.
     *
     * @throws InvalidInputException    for a malformed gateway URL
     * @throws UnknownTraceException    for an id the registry does not list
     * @throws OperationFailedException when the history cannot be read or written
     */
    HealthReport check(Request request) throws InterruptedException;

    /**
     * @param gateways gateway URLs to probe; empty for the configured ones
     * @param full     also fetch {@code trace.json.gz} through each gateway and check it against the registry checksum
     * @param ids      the traces; empty for every registry trace
     */
    record Request(List<String> gateways, boolean full, List<TraceId> ids) {
        public Request {
            gateways = List.copyOf(gateways);
            ids = List.copyOf(ids);
        }

        /** Every trace, the configured gateways, root blocks only. */
        public static Request everything() {
            return new Request(List.of(), false, List.of());
        }
    }
}
