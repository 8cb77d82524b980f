package org.phasic.traces.ports.in;

import java.util.List;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;

/** Searches the registry (refreshed when stale, unless offline). */
public interface ListTracesUseCase {
    /** The registry entries matching every filter of {@code query}, by id. */
    List<TraceEntry> list(RegistryQuery query);
}
