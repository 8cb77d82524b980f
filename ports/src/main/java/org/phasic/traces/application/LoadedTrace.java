package org.phasic.traces.application;

import java.nio.file.Path;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.trace.EliminationTrace;

/**
 * A verified, parsed trace.
 *
 * @param fetched where it is stored and which source served it
 * @param trace   the parsed elimination trace
 */
public record LoadedTrace(FetchedTrace fetched, EliminationTrace trace) {
    /** The registry entry. */
    public TraceEntry entry() {
        return fetched.entry();
    }

    /** The stored {@code trace.json.gz}. */
    public Path path() {
        return fetched.stored().file(TraceEntry.TRACE_FILE).orElseThrow().path();
    }

    /** A one-line summary: vertices, parameters, operations. */
    public String summary() {
        return trace.nVertices() + " vertices, " + trace.paramLength() + " parameter(s), " + trace.operations().size()
                + " operations";
    }
}
