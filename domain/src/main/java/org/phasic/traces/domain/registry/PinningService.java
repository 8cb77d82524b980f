package org.phasic.traces.domain.registry;

import java.util.Map;

/** A remote pinning service the registry suggests. */
public record PinningService(String apiUrl, String gateway, Map<String, Object> extra) {
    public PinningService {
        extra = Extra.copy(extra);
    }
}
