package org.phasic.traces.domain.registry;

import java.util.Map;

/** A model parameter as the registry describes it. {@code extra} holds unknown JSON members. */
public record Parameter(String name, String description, String domain, Map<String, Object> extra) {
    public Parameter {
        extra = Extra.copy(extra);
    }
}
