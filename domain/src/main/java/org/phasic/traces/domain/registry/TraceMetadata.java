package org.phasic.traces.domain.registry;

import java.util.List;
import java.util.Map;

/** The {@code metadata} object of a registry entry (and of a trace directory's {@code metadata.json}). */
public record TraceMetadata(String modelType, String domain, String variant, Integer paramLength, Integer vertices,
                            String description, List<Parameter> parameters, String created, String author,
                            Citation citation, List<String> tags, String license, Map<String, Object> extra) {
    public TraceMetadata {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        tags = tags == null ? List.of() : List.copyOf(tags);
        extra = Extra.copy(extra);
    }
}
