package org.phasic.traces.domain.registry;

import java.util.Map;

/**
 * One file of a trace directory as the registry lists it. {@code cid} is kept as written: the live registry
 * holds mock strings here, so readers treat it as a hint and validators report it.
 */
public record FileRef(String cid, Long sizeBytes, Map<String, Object> extra) {
    public FileRef {
        extra = Extra.copy(extra);
    }
}
