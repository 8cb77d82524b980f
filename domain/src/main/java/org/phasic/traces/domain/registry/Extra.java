package org.phasic.traces.domain.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unknown JSON members of a registry object, kept so a round trip loses nothing (values are plain JSON trees). */
final class Extra {
    private Extra() {
    }

    static Map<String, Object> copy(Map<String, Object> extra) {
        return extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
