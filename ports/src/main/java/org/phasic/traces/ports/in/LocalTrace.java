package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * A verified trace in the local store: its entry, where it came from, and its files.
 *
 * @param entry    the registry entry it satisfies
 * @param servedBy where it came from in this call
 * @param rootCid  its directory CID
 * @param files    file name (e.g. {@code trace.json.gz}) → verified file on disk, read only
 */
public record LocalTrace(TraceEntry entry, Provenance servedBy, String rootCid, Map<String, Path> files) {
    public LocalTrace {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(servedBy, "servedBy");
        Objects.requireNonNull(rootCid, "rootCid");
        files = Map.copyOf(files);
    }

    /** The verified file named {@code name}, if the trace has it. */
    public Optional<Path> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The verified {@code trace.json.gz}. */
    public Path traceFile() {
        return file(TraceEntry.TRACE_FILE).orElseThrow();
    }
}
