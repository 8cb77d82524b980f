package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phasic.traces.domain.registry.JsonPath;

/** Jackson set-up shared by this adapter: lossless trees, strict parsing, the registry's pretty-print style. */
final class JsonTrees {
    /** Exact numbers both ways: {@code 1.10} stays {@code 1.10}. */
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonFactory PRETTY_FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private JsonTrees() {
    }

    /** Refuses duplicate keys and nesting deeper than 256, and leaves closing the source to the caller. */
    private static final JsonFactory STRICT_FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    /** The factory of {@link #strictParser}: duplicate keys refused, nesting at most 256. */
    static JsonFactory strictFactory() {
        return STRICT_FACTORY;
    }

    /** A parser of {@code in} that refuses duplicate keys and nesting deeper than 256. */
    static JsonParser strictParser(InputStream in) throws IOException {
        return STRICT_FACTORY.createParser(in);
    }

    /**
     * The whole document as a tree: one value, nothing after it, every number exact ({@code 1.10} stays {@code 1.10}),
     * built without a mapper (setting one up costs more than reading a registry entry); null for an empty document.
     */
    static JsonNode readDocument(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return null;
        }
        JsonNode tree = readValue(parser);
        requireEnd(parser);
        return tree;
    }

    /** Refuses anything after the document's one value. */
    static void requireEnd(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value");
        }
    }

    /** The value at the parser's current token as a tree, numbers exact; the parser is left on the value's last token. */
    static JsonNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "Unexpected token " + token);
        }
    }

    /**
     * Writes {@code tree} the way the registry file is written by the original Python tooling
     * ({@code json.dump(indent=2)}): two-space indent, {@code "key": value}, {@code {}} and {@code []} when empty,
     * non-ASCII escaped as lower-case {@code \\uXXXX}, then a trailing newline. Keeping that style makes a
     * rewritten registry differ from the original only where its content changed.
     */
    static void writePretty(JsonNode tree, Writer out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try (JsonGenerator generator = PRETTY_FACTORY.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setPrettyPrinter(printer);
            Pretty.MAPPER.writeTree(generator, tree);
        }
        out.write('\n');
        out.flush();
    }

    /** A plain Java tree (Map, List, String, Number, Boolean, null) for a JSON value. */
    static Object toPlain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toPlain(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toPlain(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        throw new IllegalArgumentException("not a plain JSON value: " + node.getNodeType());
    }

    /** The JSON value of a plain Java tree; anything else is a programming error. */
    static JsonNode fromPlain(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> object.set(requireKey(key), fromPlain(element)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(fromPlain(element)));
            return array;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        throw new IllegalArgumentException("extra JSON members must be plain JSON trees, not " + value.getClass().getName());
    }

    private static String requireKey(Object key) {
        if (key instanceof String name) {
            return name;
        }
        throw new IllegalArgumentException("JSON object keys must be strings, not " + key);
    }

    /** The JSON path of the parser's current position. */
    static JsonPath pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        JsonPath path = JsonPath.root();
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = path.member(c.getCurrentName());
            } else if (c.inArray()) {
                path = path.index(Math.max(0, c.getCurrentIndex()));
            }
        }
        return path;
    }

    /** "an object", "a string", ... for messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The mapper of the registry's pretty-print style, made on first use: reading a registry needs none. */
    private static final class Pretty {
        static final ObjectMapper MAPPER = new ObjectMapper(PRETTY_FACTORY);
    }
}
