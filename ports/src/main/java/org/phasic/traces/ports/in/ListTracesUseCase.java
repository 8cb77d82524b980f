package org.phasic.traces.ports.in;

import java.util.List;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceSummary;

/** Searches the registry (refreshed when stale, unless offline). */
public interface ListTracesUseCase {
    /** The registry entries matching every filter of {@code query}, by id. */
    List<TraceEntry> list(RegistryQuery query);

    /**
     * What {@link #list} would return, as {@linkplain TraceSummary summaries}: cheap for a large registry, whose cached
     * copy is searched through an index instead of being parsed. By default, the summaries of {@link #list}'s entries.
     */
    default List<TraceSummary> summaries(RegistryQuery query) {
        return list(query).stream().map(TraceSummary::of).toList();
    }
}
