package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.CheckHealthUseCase;
import org.phasic.traces.ports.in.HealthReport;
import org.phasic.traces.ports.in.HealthReport.GatewayCheck;
import org.phasic.traces.ports.in.HealthReport.PinCheck;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;
import org.phasic.traces.ports.in.HealthReport.TraceHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code health}: pin monitoring, every trace on every gateway. */
@Command(name = "health", description = {"Check that every registry trace (or the given ones) is served by each gateway and report "
        + "since when unreachable ones have been.",
        "Asks each gateway for the root block (?format=raw, verified against the CID) and, with --full, for a verified "
        + "trace.json.gz; asks the configured pinning service for its status. Each run is recorded in <home>/health/history.jsonl.",
        "Exits 1 when some trace is retrievable from no gateway."})
public final class HealthCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--gateways", split = ",", paramLabel = "URL", description = "gateways to probe (default: gateway.urls)")
    private List<String> gateways = new ArrayList<>();

    @Option(names = "--full", description = "also fetch trace.json.gz through each gateway and check the registry checksum")
    private boolean full;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids (default: every trace in the registry)")
    private List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        List<TraceId> traceIds = CliArguments.traceIds(ids);
        HealthReport report = context.useCases().checkHealth().check(new CheckHealthUseCase.Request(gateways, full, traceIds));
        if (json.enabled()) {
            JsonOutput.print(context, json(report));
        } else {
            table(context, report);
        }
        context.out().flush();
        List<TraceHealth> unreachable = report.unreachable();
        if (unreachable.isEmpty()) {
            context.note(report.traces().size() + " trace(s) checked on " + report.gateways().size() + " gateway(s): all reachable");
            return ExitCode.OK;
        }
        context.err().println("phasic-traces: " + unreachable.size() + " of " + report.traces().size()
                + " trace(s) retrievable from no gateway: " + String.join(", ", unreachable.stream()
                .map(trace -> trace.id() + " (since " + since(trace) + ")").toList()));
        context.err().println("  hint: ask a pinning service or a node that holds the content to provide it again;"
                + " 'phasic-traces show ID' names its CID");
        context.err().flush();
        return ExitCode.FAILED;
    }

    private static String since(TraceHealth trace) {
        return trace.unreachableSince().map(instant -> instant.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    private static void table(CliContext context, HealthReport report) {
        boolean pins = report.traces().stream().anyMatch(trace -> !trace.pins().isEmpty());
        List<String> header = new ArrayList<>(List.of("TRACE"));
        report.gateways().forEach(gateway -> header.add(label(gateway)));
        if (pins) {
            header.add("PINNING");
        }
        header.add("UNREACHABLE SINCE");
        Table table = new Table(header.toArray(String[]::new));
        List<String> details = new ArrayList<>();
        for (TraceHealth trace : report.traces()) {
            List<String> row = new ArrayList<>(List.of(trace.id().value()));
            for (GatewayCheck check : trace.gateways()) {
                row.add(check.status().label() + " " + check.latencyMillis() + " ms");
                if (check.status() != ProbeStatus.MISSING && !check.detail().isEmpty()) {
                    details.add(trace.id() + " at " + check.gateway() + ": " + check.detail());
                }
            }
            if (pins) {
                row.add(String.join(", ", trace.pins().stream().map(pin -> pin.service() + " " + pin.status()).toList()));
            }
            row.add(trace.reachable() ? "-" : since(trace));
            table.row(row.toArray(String[]::new));
        }
        table.print(context.out(), 40);
        details.forEach(context::note);
    }

    /** A column title for a gateway: its host and port, or the whole URL when it has a path. */
    private static String label(String gateway) {
        URI url = URI.create(gateway);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getRawAuthority() + path;
    }

    private static ObjectNode json(HealthReport report) {
        ObjectNode node = EntryJson.MAPPER.createObjectNode();
        node.put("checked_at", report.checkedAt().toString());
        node.put("full", report.full());
        report.gateways().forEach(node.putArray("gateways")::add);
        node.put("unreachable", report.unreachable().size());
        ArrayNode traces = node.putArray("traces");
        for (TraceHealth trace : report.traces()) {
            ObjectNode item = traces.addObject();
            item.put("id", trace.id().value());
            item.put("cid", trace.cid());
            item.put("reachable", trace.reachable());
            item.put("serving", trace.serving());
            item.put("unreachable_since", trace.unreachableSince().map(Instant::toString).orElse(null));
            ArrayNode checks = item.putArray("gateways");
            for (GatewayCheck check : trace.gateways()) {
                ObjectNode probe = checks.addObject();
                probe.put("gateway", check.gateway());
                probe.put("status", check.status().key());
                probe.put("latency_ms", check.latencyMillis());
                probe.put("detail", check.detail().isEmpty() ? null : check.detail());
            }
            ArrayNode pins = item.putArray("pins");
            for (PinCheck pin : trace.pins()) {
                pins.addObject().put("service", pin.service()).put("status", pin.status());
            }
        }
        return node;
    }
}
