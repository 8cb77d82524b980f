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

    /** Where a value is ({@code metadata.a[2]}), spelled out only for a message. */
    private record Path(Path parent, String key, int index) {
        @Override
        public String toString() {
            String prefix = parent == null ? "" : parent.toString();
            return key != null ? (parent == null ? key : prefix + "." + key) : prefix + "[" + index + "]";
        }
    }

    static Map<String, Object> copyObject(Map<?, ?> map, String path) {
        return copyObject(map, new Path(null, path, -1));
    }

    private static Map<String, Object> copyObject(Map<?, ?> map, Path path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidTraceException(path.toString(), "keys must be strings, found " + e.getKey());
            }
            copy.put(key, copy(e.getValue(), new Path(path, key, -1)));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copy(Object value, Path path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new InvalidTraceException(path.toString(), "must be a finite number, got " + d);
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
                copy.add(copy(list.get(i), new Path(path, null, i)));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidTraceException(path.toString(), "not a JSON value: " + value.getClass().getSimpleName());
    }
}
