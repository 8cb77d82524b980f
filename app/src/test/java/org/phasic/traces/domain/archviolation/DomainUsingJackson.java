package org.phasic.traces.domain.archviolation;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Planted violation: domain code using a library. Only ArchitectureTest imports it. */
public final class DomainUsingJackson {
    public Object mapper() {
        return new ObjectMapper();
    }
}
