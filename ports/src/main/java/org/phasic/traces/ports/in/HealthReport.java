package org.phasic.traces.ports.in;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;

/**
 * What one pin-monitoring run found: each trace on each probed gateway, and the pinning services' view.
 *
 * @param checkedAt when the run started
 * @param gateways  the gateways probed, in the order of each trace's {@link TraceHealth#gateways()}
 * @param full      whether {@code trace.json.gz} was fetched and checked, not just the root block
 * @param traces    one per trace, in registry id order
 */
public record HealthReport(Instant checkedAt, List<String> gateways, boolean full, List<TraceHealth> traces) {
    public HealthReport {
        requireNonNull(checkedAt, "checkedAt");
        gateways = List.copyOf(gateways);
        traces = List.copyOf(traces);
    }

    /** The traces no gateway served. */
    public List<TraceHealth> unreachable() {
        return traces.stream().filter(trace -> !trace.reachable()).toList();
    }

    /** How a gateway answered for one trace. */
    public enum ProbeStatus {
        /** Served bytes that verify. */
        OK,
        /** Does not have the content (404 or 410). */
        MISSING,
        /** Served bytes that do not hash to the CID (or a file that fails the registry checksum). */
        BAD_BYTES,
        /** Did not answer within the probe's time limit. */
        TIMEOUT,
        /** Any other failure: refused connection, unexpected status, malformed answer. */
        ERROR;

        /** The word for tables, e.g. {@code bad bytes}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** The word for JSON, e.g. {@code bad_bytes}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One gateway's answer for one trace.
     *
     * @param gateway       the gateway's URL
     * @param status        the classification
     * @param latencyMillis how long the probe took
     * @param detail        what went wrong, empty when {@link ProbeStatus#OK}
     */
    public record GatewayCheck(String gateway, ProbeStatus status, long latencyMillis, String detail) {
        public GatewayCheck {
            requireNonNull(gateway, "gateway");
            requireNonNull(status, "status");
            requireNonNull(detail, "detail");
        }
    }

    /**
     * A pinning service's status of a trace's CID.
     *
     * @param service the service's name
     * @param status  its status ({@code pinned}, {@code queued}, ...), {@code none} when it holds no request for the CID,
     *                or {@code error: ...} when it could not be asked
     */
    public record PinCheck(String service, String status) {
        public PinCheck {
            requireNonNull(service, "service");
            requireNonNull(status, "status");
        }
    }

    /**
     * One trace's results.
     *
     * @param id               the registry id
     * @param cid              its directory CID
     * @param gateways         one check per probed gateway, in the report's gateway order
     * @param pins             one per configured pinning service
     * @param unreachableSince since when no gateway has served it (carried over from earlier runs), if unreachable now
     */
    public record TraceHealth(TraceId id, String cid, List<GatewayCheck> gateways, List<PinCheck> pins,
                              Optional<Instant> unreachableSince) {
        public TraceHealth {
            requireNonNull(id, "id");
            requireNonNull(cid, "cid");
            gateways = List.copyOf(gateways);
            pins = List.copyOf(pins);
            requireNonNull(unreachableSince, "unreachableSince");
        }

        /** How many gateways served it correctly. */
        public int serving() {
            return (int) gateways.stream().filter(check -> check.status() == ProbeStatus.OK).count();
        }

        /** True when at least one gateway served it. */
        public boolean reachable() {
            return serving() > 0;
        }
    }
}
