package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reference for the codec's hand-built trees: Jackson's own tree reading with the same rules (duplicate keys and
 * trailing content refused, numbers exact, nesting at most 256).
 */
final class StrictMapper {
    private StrictMapper() {
    }

    static ObjectMapper create() {
        return JsonMapper.builder(JsonTrees.strictFactory())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(JsonTrees.NODES)
                .build();
    }
}
