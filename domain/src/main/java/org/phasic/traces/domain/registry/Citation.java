package org.phasic.traces.domain.registry;

import java.util.Map;

/** How to cite a trace. {@code extra} holds unknown JSON members. */
public record Citation(String text, String doi, String url, Map<String, Object> extra) {
    public Citation {
        extra = Extra.copy(extra);
    }
}
