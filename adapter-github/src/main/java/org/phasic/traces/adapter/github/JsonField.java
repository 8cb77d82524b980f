package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.phasic.traces.domain.registry.JsonPath;
import org.phasic.traces.ports.out.RegistryFormatException;

/**
 * A JSON value and where it is, with typed accessors that fail with a {@link RegistryFormatException} naming the
 * path. Absent members and JSON {@code null} read as {@code null}.
 */
record JsonField(JsonNode node, JsonPath path) {

    static JsonField root(JsonNode node) {
        return new JsonField(node, JsonPath.root());
    }

    JsonField member(String name) {
        return new JsonField(node == null ? null : node.get(name), path.member(name));
    }

    boolean absent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    RegistryFormatException wrongType(String expected) {
        return RegistryFormatException.at(path.toString(), "expected " + expected + ", found " + JsonTrees.kind(node), null);
    }

    /** This value, which must be an object. */
    JsonField requireObject() {
        if (node == null || !node.isObject()) {
            throw wrongType("an object");
        }
        return this;
    }

    String string() {
        if (absent()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType("a string");
        }
        return node.textValue();
    }

    Integer integer() {
        if (absent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType("an integer");
        }
        return node.intValue();
    }

    Long longInteger() {
        if (absent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType("an integer");
        }
        return node.longValue();
    }

    /** The object's members mapped by {@code reader} in document order; absent → empty. */
    <T> Map<String, T> objectOf(BiFunction<String, JsonField, T> reader) {
        Map<String, T> result = new LinkedHashMap<>();
        if (absent()) {
            return result;
        }
        requireObject();
        node.properties().forEach(e -> result.put(e.getKey(), reader.apply(e.getKey(), new JsonField(e.getValue(), path.member(e.getKey())))));
        return result;
    }

    /** The array's elements mapped by {@code reader}; absent → empty. */
    <T> List<T> arrayOf(Function<JsonField, T> reader) {
        List<T> result = new ArrayList<>();
        if (absent()) {
            return result;
        }
        if (!node.isArray()) {
            throw wrongType("an array");
        }
        for (int i = 0; i < node.size(); i++) {
            result.add(reader.apply(new JsonField(node.get(i), path.index(i))));
        }
        return result;
    }

    /** An object member read by {@code reader}, or {@code null} when absent. */
    <T> T objectOrNull(Function<JsonField, T> reader) {
        return absent() ? null : reader.apply(requireObject());
    }

    /** The members of this object not in {@code known}, as plain Java trees. */
    Map<String, Object> extra(Set<String> known) {
        Map<String, Object> extra = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), JsonTrees.toPlain(e.getValue()));
            }
        });
        return extra;
    }
}
