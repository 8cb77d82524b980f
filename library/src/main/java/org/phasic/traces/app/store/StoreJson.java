package org.phasic.traces.app.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's own small JSON files (references, the cached registry's stamp): read with the streaming parser into
 * maps of strings, whole numbers, nulls and nested objects — setting up data binding costs more than a store hit — and
 * written with a mapper made on first write.
 */
final class StoreJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StoreJson() {
    }

    /**
     * The object in {@code file}: member values are {@link String}, {@link Long}, {@code null} or nested maps.
     *
     * @throws IOException when the file is missing, not JSON, not an object, or holds arrays, fractions or booleans
     */
    static Map<String, Object> readObject(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "expected a JSON object");
            }
            Map<String, Object> object = object(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the object");
            }
            return object;
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            members.put(name, switch (value) {
                case START_OBJECT -> object(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_NULL -> null;
                default -> throw new JsonParseException(parser, "unexpected " + value + " for '" + name + "'");
            });
        }
        return Collections.unmodifiableMap(members);
    }

    /** {@code value} as indented JSON. */
    static byte[] write(Object value) throws IOException {
        return Writer.MAPPER.writeValueAsBytes(value);
    }

    /** The string member {@code name}, or null when absent or null. */
    static String string(Map<String, Object> object, String name) throws IOException {
        Object value = object.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IOException("'" + name + "' is not a string");
        }
        return (String) value;
    }

    private static final class Writer {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
