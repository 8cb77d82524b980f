package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;

/**
 * Which traces a batch works on: a registry collection, given ids, or (neither) a default the use case names.
 *
 * @param collection a collection of the registry
 * @param ids        trace ids
 */
public record TraceSelection(Optional<String> collection, List<TraceId> ids) {
    public TraceSelection {
        Objects.requireNonNull(collection, "collection");
        ids = List.copyOf(ids);
        if (collection.isPresent() && !ids.isEmpty()) {
            throw new InvalidInputException("give either a collection or ids, not both");
        }
    }

    /** The use case's default selection. */
    public static TraceSelection byDefault() {
        return new TraceSelection(Optional.empty(), List.of());
    }

    /** Whether neither a collection nor ids were given. */
    public boolean isDefault() {
        return collection.isEmpty() && ids.isEmpty();
    }
}
