package org.phasic.traces.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.in.CheckHealthUseCase;
import org.phasic.traces.ports.in.HealthReport;
import org.phasic.traces.ports.in.HealthReport.GatewayCheck;
import org.phasic.traces.ports.in.HealthReport.PinCheck;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;
import org.phasic.traces.ports.in.HealthReport.TraceHealth;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.TraceAvailability;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.out.AvailabilityHistory;
import org.phasic.traces.ports.out.GatewayProbe;
import org.phasic.traces.ports.out.RemotePinning;

/**
 * Pin monitoring: every (trace, gateway) pair probed concurrently with a bound, each pinning service asked per trace,
 * and the run appended to the history, whose previous entries carry "unreachable since" forward.
 */
public final class HealthService implements CheckHealthUseCase {
    private final RegistryService registry;
    private final GatewayProbe probe;
    private final List<RemotePinning> pinning;
    private final AvailabilityHistory history;
    private final Clock clock;
    private final int jobs;
    private final long maxFileBytes;

    /**
     * @param registry     the traces to check
     * @param probe        asks single gateways
     * @param pinning      the configured pinning services (may be empty)
     * @param history      where runs are recorded
     * @param clock        time source
     * @param jobs         probes running at once
     * @param maxFileBytes largest {@code trace.json.gz} a full check reads
     */
    public HealthService(RegistryService registry, GatewayProbe probe, List<RemotePinning> pinning,
                         AvailabilityHistory history, Clock clock, int jobs, long maxFileBytes) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.pinning = List.copyOf(pinning);
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        this.jobs = jobs;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public HealthReport check(Request request) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        List<String> gateways = gateways(request.gateways());
        List<TraceEntry> traces = traces(request.ids());
        Map<String, TraceAvailability> previous = readHistory();
        Instant checkedAt = clock.instant();
        List<Probe> probes = new ArrayList<>();
        for (TraceEntry trace : traces) {
            gateways.forEach(gateway -> probes.add(new Probe(trace, gateway)));
        }
        List<GatewayCheck> checks = BoundedParallel.map(probes, jobs, "phasic-traces health",
                item -> check(item, request.full()));
        List<List<PinCheck>> pins = BoundedParallel.map(traces, jobs, "phasic-traces pin status", this::pinStatus);
        List<TraceHealth> results = new ArrayList<>();
        List<TraceAvailability> run = new ArrayList<>();
        for (int t = 0; t < traces.size(); t++) {
            TraceEntry trace = traces.get(t);
            List<GatewayCheck> own = checks.subList(t * gateways.size(), (t + 1) * gateways.size());
            boolean reachable = own.stream().anyMatch(check -> check.status() == ProbeStatus.OK);
            Optional<Instant> since = reachable ? Optional.<Instant>empty() : Optional.of(unreachableSince(
                    previous.get(trace.id().value()), checkedAt));
            TraceHealth health = new TraceHealth(trace.id(), Objects.toString(trace.cid(), ""), own, pins.get(t), since);
            results.add(health);
            run.add(new TraceAvailability(trace.id().value(), health.serving(), gateways.size(), checkedAt, since));
        }
        try {
            history.append(run);
        } catch (IOException e) {
            throw new OperationFailedException("could not record the health run: " + e.getMessage(), Hint.NONE, e);
        }
        return new HealthReport(checkedAt, gateways, request.full(), results);
    }

    private record Probe(TraceEntry trace, String gateway) {
    }

    private static Instant unreachableSince(TraceAvailability previous, Instant now) {
        if (previous == null || previous.reachable()) {
            return now;
        }
        return previous.unreachableSince().orElse(previous.checkedAt());
    }

    private List<String> gateways(List<String> asked) {
        List<String> urls = asked.isEmpty() ? probe.configuredGateways() : asked;
        LinkedHashSet<String> gateways = new LinkedHashSet<>();
        for (String url : urls) {
            try {
                gateways.add(probe.gateway(url));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, "--gateways"));
            }
        }
        if (gateways.isEmpty()) {
            throw new InvalidInputException("no gateway to probe", Hint.of(Hint.Kind.CHECK_INPUT, "--gateways"));
        }
        return List.copyOf(gateways);
    }

    private List<TraceEntry> traces(List<TraceId> ids) {
        List<TraceEntry> traces = new ArrayList<>();
        if (ids.isEmpty()) {
            traces.addAll(registry.current().traces().values());
        }
        for (TraceId id : new LinkedHashSet<>(ids)) {
            traces.add(registry.find(id).orElseThrow(() -> new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES))));
        }
        traces.sort(Comparator.comparing(entry -> entry.id().value()));
        return traces;
    }

    private Map<String, TraceAvailability> readHistory() {
        try {
            return history.lastKnown();
        } catch (IOException e) {
            throw new OperationFailedException("could not read the health history: " + e.getMessage(), Hint.NONE, e);
        }
    }

    private GatewayCheck check(Probe item, boolean full) {
        long start = System.nanoTime();
        Cid root;
        try {
            root = Cid.parse(item.trace().cid());
        } catch (InvalidCidException | NullPointerException e) {
            return new GatewayCheck(item.gateway(), ProbeStatus.ERROR, 0, "the registry's CID is invalid");
        }
        GatewayProbe.Result block = probe.block(item.gateway(), root);
        if (block.status() != ProbeStatus.OK || !full) {
            return new GatewayCheck(item.gateway(), block.status(), block.latency().toMillis(), block.detail());
        }
        Outcome file = fullCheck(item, root, block.data().orElseThrow());
        return new GatewayCheck(item.gateway(), file.status(), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                file.detail());
    }

    private record Outcome(ProbeStatus status, String detail) {
    }

    /** Failures of single blocks during a full check, keeping the probe's classification. */
    private static final class BlockFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient GatewayProbe.Result result;

        BlockFailure(Cid cid, GatewayProbe.Result result) {
            super("block " + cid + ": " + result.status().label() + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
            this.result = result;
        }
    }

    /** {@code trace.json.gz} read block by block from the gateway, verified from the root, against the checksum. */
    private Outcome fullCheck(Probe item, Cid root, byte[] rootBlock) {
        String file = TraceEntry.TRACE_FILE;
        Checksum expected;
        try {
            expected = Checksum.parse(Objects.requireNonNull(item.trace().checksum(), "checksum"));
        } catch (RuntimeException e) {
            return new Outcome(ProbeStatus.ERROR, "the registry has no valid checksum for " + file);
        }
        BlockSource blocks = cid -> {
            if (cid.equals(root)) {
                return Optional.of(rootBlock);
            }
            GatewayProbe.Result block = probe.block(item.gateway(), cid);
            if (block.status() == ProbeStatus.OK || block.status() == ProbeStatus.MISSING) {
                return block.data();
            }
            throw new BlockFailure(cid, block);
        };
        try {
            return VerifiedFileCheck.matches(root, file, blocks, expected, maxFileBytes) ? new Outcome(ProbeStatus.OK, "")
                    : new Outcome(ProbeStatus.BAD_BYTES, file + " does not match the registry checksum");
        } catch (BlockFailure e) {
            return new Outcome(e.result.status(), file + ": " + e.getMessage());
        } catch (ContentNotFoundException e) {
            return new Outcome(ProbeStatus.MISSING, file + ": " + UntrustedText.printable(e.getMessage()));
        } catch (ContentException e) {
            return new Outcome(ProbeStatus.BAD_BYTES, file + ": " + UntrustedText.printable(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            return new Outcome(ProbeStatus.ERROR, file + ": " + UntrustedText.printable(String.valueOf(e.getMessage())));
        }
    }

    private List<PinCheck> pinStatus(TraceEntry trace) {
        List<PinCheck> checks = new ArrayList<>();
        for (RemotePinning service : pinning) {
            String status;
            try {
                status = service.status(Cid.parse(trace.cid())).orElse("none");
            } catch (IOException | RuntimeException e) {
                status = "error: " + UntrustedText.printable(String.valueOf(e.getMessage()));
            }
            checks.add(new PinCheck(service.name(), status));
        }
        return checks;
    }
}
