package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * A trace's whole directory, verified against its directory CID and written to a folder.
 *
 * @param entry    the registry entry it satisfies
 * @param servedBy the source the directory came from
 * @param rootCid  its directory CID
 * @param folder   the folder written to
 * @param files    every file written, in directory order
 * @param bytes    the bytes written
 */
public record TraceFolder(TraceEntry entry, Provenance servedBy, String rootCid, Path folder, List<Path> files, long bytes) {
    public TraceFolder {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(servedBy, "servedBy");
        Objects.requireNonNull(rootCid, "rootCid");
        Objects.requireNonNull(folder, "folder");
        files = List.copyOf(files);
    }
}
