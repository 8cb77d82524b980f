package org.phasic.traces.domain.registry;

import java.util.Map;
import java.util.Optional;

/** A model parameter as the registry describes it. {@code extra} holds unknown JSON members. */
public record Parameter(String name, String description, String domain, Map<String, Object> extra) {
    public Parameter {
        extra = Extra.copy(extra);
    }

    /** The declared {@link #domain()} when it is in a notation {@link ParameterDomain} understands. */
    public Optional<ParameterDomain> parsedDomain() {
        return ParameterDomain.parse(domain);
    }
}
