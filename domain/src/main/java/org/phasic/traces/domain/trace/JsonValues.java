package org.phasic.traces.domain.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, immutable copies of JSON-like values: null, String, Boolean, Number, List and Map with String keys. */
final class JsonValues {
    private JsonValues() {
    }

    static Map<String, Object> copyObject(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidTraceException(path, "keys must be strings, found " + e.getKey());
            }
            copy.put(key, copy(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    static Object copy(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new InvalidTraceException(path, "must be a finite number, got " + d);
            }
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyObject(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidTraceException(path, "not a JSON value: " + value.getClass().getSimpleName());
    }
}
