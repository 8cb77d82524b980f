package org.phasic.traces.domain.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry ({@code registry.json}): traces by id, collections, pinning services, and unknown top-level
 * members kept for a lossless round trip.
 */
public record Registry(String version, String updated, Map<TraceId, TraceEntry> traces,
                       Map<String, TraceCollection> collections, Map<String, PinningService> pinningServices,
                       Map<String, Object> extra) {
    /** The format version this code writes. */
    public static final String CURRENT_VERSION = "1.0.0";

    public Registry {
        traces = Collections.unmodifiableMap(new TreeMap<>(traces == null ? Map.of() : traces));
        collections = collections == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(collections));
        pinningServices = pinningServices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(pinningServices));
        extra = Extra.copy(extra);
    }

    /** An empty registry of the current version. */
    public static Registry empty(String updated) {
        return new Registry(CURRENT_VERSION, updated, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The entry for {@code id}. */
    public Optional<TraceEntry> find(TraceId id) {
        return Optional.ofNullable(traces.get(id));
    }

    /** Entries matching {@code query}, ordered by id. */
    public List<TraceEntry> search(RegistryQuery query) {
        return traces.values().stream().filter(query::matches).toList();
    }

    /** This registry with {@code entry} added or replaced. */
    public Registry with(TraceEntry entry, String updatedAt) {
        Map<TraceId, TraceEntry> copy = new TreeMap<>(traces);
        copy.put(entry.id(), entry);
        return new Registry(version, updatedAt, copy, collections, pinningServices, extra);
    }
}
