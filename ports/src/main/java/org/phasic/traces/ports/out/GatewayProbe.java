package org.phasic.traces.ports.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
     * Asks {@code gateway} for one block ({@code GET /ipfs/{cid}?format=raw}, no fallback, no retry) under the probe's
     * short time limit and checks that the bytes hash to {@code cid}. Never throws for what the gateway does: a failure
     * is a {@link Result}.
     */
    Result block(String gateway, Cid cid);

    /**
     * @param status  the classification
     * @param latency how long the probe took
     * @param detail  what went wrong, empty when {@link ProbeStatus#OK}
     * @param data    the verified block when {@link ProbeStatus#OK}, else empty
     */
    record Result(ProbeStatus status, Duration latency, String detail, Optional<byte[]> data) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(data, "data");
            if (data.isPresent() != (status == ProbeStatus.OK)) {
                throw new IllegalArgumentException("a probe result has data exactly when it is ok");
            }
        }

        /** A failed probe. */
        public static Result failed(ProbeStatus status, Duration latency, String detail) {
            return new Result(status, latency, detail, Optional.empty());
        }
    }
}
