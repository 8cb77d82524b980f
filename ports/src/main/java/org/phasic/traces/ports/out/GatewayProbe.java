package org.phasic.traces.ports.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;

/**
 * Asks single HTTP gateways for content, for pin monitoring: unlike the fetch chain it never falls back to another
 * gateway, so each answer says what that gateway serves.
 */
public interface GatewayProbe {
    /** The configured gateways ({@code gateway.urls}), probed when the caller names none. */
    List<String> configuredGateways();

    /**
     * {@code url} in the form the other methods accept.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    String gateway(String url);

    /**
     * Asks {@code gateway} for the block {@code root} ({@code ?format=raw}) under the probe's short time limit and checks
     * that the bytes hash to it. Never throws for what the gateway does: a failure is a {@link Result}.
     */
    Result rootBlock(String gateway, Cid root);

    /** A content source that reads from {@code gateway} only (its blocks are untrusted, as from any source). */
    ContentSource source(String gateway);

    /**
     * @param status  the classification
     * @param latency how long the probe took
     * @param detail  what went wrong, empty when {@link ProbeStatus#OK}
     */
    record Result(ProbeStatus status, Duration latency, String detail) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
