package org.phasic.traces.app.facade;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.Provenance;

/** A verified trace for Java users: its registry entry, the elimination trace, and evaluation shortcuts. */
public final class PhasicTrace {
    private final LoadedTrace loaded;

    PhasicTrace(LoadedTrace loaded) {
        this.loaded = Objects.requireNonNull(loaded, "loaded");
    }

    /** The trace id. */
    public String id() {
        return loaded.entry().id().value();
    }

    /** The registry entry (CID, metadata, checksum, licence). */
    public TraceEntry entry() {
        return loaded.entry();
    }

    /** The elimination trace. */
    public EliminationTrace trace() {
        return loaded.trace();
    }

    /** The verified {@code trace.json.gz} in the local store. */
    public Path path() {
        return loaded.path();
    }

    /** The name of the source that served it ({@code local store} when it was already here). */
    public String servedBy() {
        return loaded.servedBy().name();
    }

    /** Where it came from in this call, as a type ({@link Provenance.Kind#STORE} when it was already here). */
    public Provenance provenance() {
        return loaded.servedBy();
    }

    /** Density at {@code t} by phasic's discretised forward algorithm with granularity {@code g} (0 = automatic). */
    public double pdf(double[] theta, double t, int granularity) {
        return loaded.trace().pdf(theta, t, granularity);
    }

    /** Densities at {@code times} (one forward pass). */
    public double[] pdf(double[] theta, double[] times, int granularity) {
        return loaded.trace().pdf(theta, times, granularity);
    }

    /** Σ log(max(pdf, 1e-10)) over {@code times}, as phasic's {@code trace_to_log_likelihood}. */
    public double logLikelihood(double[] theta, double[] times, int granularity) {
        return loaded.trace().logLikelihood(theta, times, granularity);
    }

    /** The exact density at {@code t} (uniformisation), for accuracy checks. */
    public double exactPdf(double[] theta, double t) {
        return loaded.trace().exactPdf(theta, t);
    }

    /** The registry's one-line warning when the trace is superseded or has a known defect. */
    public Optional<String> warning() {
        return loaded.warning();
    }

    /** One line: vertices, parameters, operations. */
    public String summary() {
        return loaded.summary();
    }

    @Override
    public String toString() {
        return id() + " (" + summary() + ", CID " + entry().cid() + ")";
    }
}
