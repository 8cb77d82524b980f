package org.phasic.traces.adapter.web.site;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.application.EvaluationService;
import org.phasic.traces.domain.registry.Citation;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.LocalTrace;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.TraceAvailability;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.in.UnknownTraceException;

/**
 * An in-memory registry for the site's tests: a Kingman coalescent (evaluated for real, by the evaluation service over
 * the domain's recorded Kingman trace), a trace it supersedes, a two-parameter trace, and a hostile entry whose every
 * text tries to break out of HTML.
 */
final class SiteFixture implements ListTracesUseCase, ShowTraceUseCase, GetTraceUseCase {
    static final String KINGMAN = "kingman_n3_theta1";
    static final String OLD = "coalescent_n3_old";
    static final String TWO = "sir_two_params";
    static final String HOSTILE = "hostile_entry";
    static final String KINGMAN_CID = "QmQ3CgG4nJ7QgTphsfEm5qTSwixShNVFYsU6uGSerraAah";
    static final String KINGMAN_CHECKSUM = "sha256:baf57d2a08153cf117e494451b6e53a693106408a1d74aac39e1d79f57f0c43b";
    static final String SCRIPT = "<script>alert('owned')</script>";
    static final Instant CHECKED = Instant.parse("2026-12-01T06:30:00Z");

    private final Map<String, TraceEntry> entries = new LinkedHashMap<>();

    SiteFixture() {
        Citation citation = new Citation("Røikjer, Hobolth & Munch (2022)", "10.1007/s11222-022-10155-6",
                "https://doi.org/10.1007/s11222-022-10155-6", Map.of());
        List<Parameter> theta = List.of(new Parameter("theta", "Coalescence rate scale", "(0, ∞)", Map.of()));
        add(new TraceEntry(TraceId.of(KINGMAN), KINGMAN_CID, "Kingman coalescent for n=3 haploid samples",
                new TraceMetadata("coalescent", "population-genetics", "kingman", 1, 3, null, theta, "2026-11-25",
                        "phasic-traces project", citation, List.of("coalescent", "kingman", "basic"), "MIT", Map.of()),
                files("QmRB4VB5ZGGUeAv6HrYMHu2zE4xMKAB5eYKcYxCbMX96YL", 421L), KINGMAN_CHECKSUM, "MIT", null,
                Map.of("previous", List.of("QmVPMctTsuN5R9BA4DhTtPfg7XSwWQkAwiLutjZqK1g122"))));
        add(new TraceEntry(TraceId.of(OLD), "QmVPMctTsuN5R9BA4DhTtPfg7XSwWQkAwiLutjZqK1g122", "An older coalescent",
                new TraceMetadata("coalescent", "population-genetics", "kingman", 1, 3, null, theta, null, null, citation,
                        List.of("coalescent"), "MIT", Map.of()),
                files("QmRzCrBpxAnqdwebX5XXDRo975NSope6iEcZU3rCb9qDCP", 626L), KINGMAN_CHECKSUM, "MIT", null, KINGMAN,
                "densities are (2+θ)× too high", Map.of()));
        add(new TraceEntry(TraceId.of(TWO), "QmSn8uFja2UwFinFCj4HB1qTFGHk5hHDmViWJPuNGzqcYu", "An epidemic with two rates",
                new TraceMetadata("sir", "epidemiology", null, 2, 4, null,
                        List.of(new Parameter("beta", "infection rate", "[0.5, 2]", Map.of()),
                                new Parameter("gamma", "recovery rate", "> 0", Map.of())),
                        null, null, null, List.of("epidemic"), "CC-BY-4.0", Map.of()),
                files("QmYZ3MonnT4uCQUqzxaKLuyCpSAJMQ4DoiH2poj17tDJFH", 5_000_000L), KINGMAN_CHECKSUM, "CC-BY-4.0", null,
                Map.of()));
        String attribute = "\"><img src=x onerror=alert(1)>";
        add(new TraceEntry(TraceId.of(HOSTILE), "Qm\"><script>alert(2)</script>", SCRIPT,
                new TraceMetadata("<b>model</b>", "population-genetics", attribute, 1, 2, SCRIPT + " again",
                        List.of(new Parameter(attribute, SCRIPT, "(0, ∞)" + attribute, Map.of())), "<i>now</i>", SCRIPT,
                        new Citation(SCRIPT, "10.1/\"><script>alert(3)</script>", "javascript:alert(4)", Map.of()),
                        List.of("<b>tag</b>"), attribute, Map.of()),
                Map.of("../" + attribute, new FileRef(attribute, 1L, Map.of())), "sha256:" + SCRIPT, SCRIPT, attribute,
                Map.of("previous", List.of(attribute))));
    }

    private static Map<String, FileRef> files(String traceCid, long size) {
        Map<String, FileRef> files = new LinkedHashMap<>();
        files.put(TraceEntry.TRACE_FILE, new FileRef(traceCid, size, Map.of()));
        files.put(TraceEntry.METADATA_FILE, new FileRef("QmTAp9T4w7P3XrC2eokWEhicXecb14UTLCm9X6wfXMDb8o", 838L, Map.of()));
        return files;
    }

    private void add(TraceEntry entry) {
        entries.put(entry.id().value(), entry);
    }

    /** The entry {@code id}. */
    TraceEntry entry(String id) {
        return entry(TraceId.of(id));
    }

    /** Every entry, by id. */
    List<TraceEntry> entries() {
        List<TraceEntry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing(TraceEntry::id));
        return all;
    }

    @Override
    public List<TraceEntry> list(RegistryQuery query) {
        return entries().stream().filter(query::matches).toList();
    }

    @Override
    public TraceDetails show(TraceId id) {
        return new TraceDetails(entry(id), id.value().equals(KINGMAN), Optional.empty());
    }

    /** The Kingman traces are the domain's recorded coalescent; the others cannot be fetched. */
    @Override
    public LoadedTrace get(TraceId id, boolean force) {
        TraceEntry entry = entry(id);
        if (!id.value().equals(KINGMAN) && !id.value().equals(OLD)) {
            throw new TraceUnavailableException("no source has " + id, List.of(), Hint.NONE);
        }
        LocalTrace local = new LocalTrace(entry, Provenance.STORE, entry.cid(),
                Map.of(TraceEntry.TRACE_FILE, Path.of("unused", TraceEntry.TRACE_FILE)));
        return new LoadedTrace(local, KingmanCoalescent.trace(3));
    }

    private TraceEntry entry(TraceId id) {
        TraceEntry entry = entries.get(id.value());
        if (entry == null) {
            throw new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES));
        }
        return entry;
    }

    /** The real evaluator over this registry. */
    EvaluateTraceUseCase evaluator() {
        return new EvaluationService(this, new JacksonTraceCodec());
    }

    /** The last health run: the Kingman trace on 2 of 3 gateways, the old one on none since a day earlier. */
    static TraceAvailabilityUseCase availability() {
        return () -> Map.of(
                KINGMAN, new TraceAvailability(KINGMAN, 2, 3, CHECKED, Optional.empty()),
                OLD, new TraceAvailability(OLD, 0, 3, CHECKED, Optional.of(CHECKED.minusSeconds(86_400))));
    }

    /** The site over this registry. */
    DiscoverySite site() {
        return new DiscoverySite(this, this, evaluator(), availability());
    }
}
