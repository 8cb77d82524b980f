package org.phasic.traces.application;

import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.in.PreparedPublication;
import org.phasic.traces.ports.out.RegistryChange;

/**
 * A checked, packaged trace whose CIDs are known, ready to be stored and published.
 *
 * @param entry     the registry entry it becomes
 * @param root      the directory CID
 * @param traceDirectory the packaged files
 * @param mode      {@link RegistryChange.Mode#REPLACE} for a new version of an existing id, else {@link RegistryChange.Mode#ADD}
 */
public record PackagedPublication(TraceEntry entry, Cid root, TracePackage traceDirectory, RegistryChange.Mode mode)
        implements PreparedPublication {
    public PackagedPublication {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(traceDirectory, "traceDirectory");
        Objects.requireNonNull(mode, "mode");
    }
}
