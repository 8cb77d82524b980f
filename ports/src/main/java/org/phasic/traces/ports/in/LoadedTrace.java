package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.trace.EliminationTrace;

/**
 * A verified, parsed trace.
 *
 * @param local where it is stored and which source served it
 * @param trace the parsed elimination trace
 */
public record LoadedTrace(LocalTrace local, EliminationTrace trace) {
    public LoadedTrace {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(trace, "trace");
    }

    /** The registry entry. */
    public TraceEntry entry() {
        return local.entry();
    }

    /** The stored {@code trace.json.gz}. */
    public Path path() {
        return local.traceFile();
    }

    /** Where it came from in this call. */
    public Provenance servedBy() {
        return local.servedBy();
    }

    /**
     * The one-line warning a driver shows once when the registry marks this trace superseded or defective
     * ({@link TraceEntry#warning()}); empty for a sound trace.
     */
    public Optional<String> warning() {
        return entry().warning();
    }

    /** A one-line summary: vertices, parameters, operations. */
    public String summary() {
        return trace.nVertices() + " vertices, " + trace.paramLength() + " parameter(s), " + trace.operations().size()
                + " operations";
    }
}
