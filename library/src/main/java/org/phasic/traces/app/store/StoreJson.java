package org.phasic.traces.app.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phasic.traces.app.store.DiskRegistryCache.Meta;
import org.phasic.traces.app.store.DiskTraceStore.Ref;
import org.phasic.traces.app.store.DiskTraceStore.RefFile;

/**
 * The JSON of the store's small files — a trace's reference, a cached registry's {@code registry.meta.json} — read and
 * written with the streaming API: a store hit reads one reference per trace and every command asks whether the cached
 * registry is stale, and data binding would load and introspect its bean machinery for a few small records. Strict
 * like data binding with its defaults: an unknown field or a value of the wrong type is an error, a missing one reads
 * as null (a size as 0), and the caller checks completeness.
 */
final class StoreJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StoreJson() {
    }

    /**
     * @throws java.io.FileNotFoundException when {@code file} is missing
     * @throws IOException when it is not a reference's JSON
     */
    static Ref readRef(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            start(parser, parser.nextToken());
            String id = null;
            String root = null;
            Map<String, RefFile> files = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = text(parser, value);
                    case "root" -> root = text(parser, value);
                    case "files" -> files = files(parser, value);
                    default -> throw unknown(parser, field);
                }
            }
            return new Ref(id, root, files);
        }
    }

    /**
     * @throws java.io.FileNotFoundException when {@code file} is missing
     * @throws IOException when it is not a registry cache's meta JSON
     */
    static Meta readMeta(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            start(parser, parser.nextToken());
            String etag = null;
            String source = null;
            String checkedAt = null;
            String sha256 = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "etag" -> etag = text(parser, value);
                    case "source" -> source = text(parser, value);
                    case "checkedAt" -> checkedAt = text(parser, value);
                    case "sha256" -> sha256 = text(parser, value);
                    default -> throw unknown(parser, field);
                }
            }
            return new Meta(etag, source, checkedAt, sha256);
        }
    }

    static byte[] write(Meta meta) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("etag", meta.etag());
            json.writeStringField("source", meta.source());
            json.writeStringField("checkedAt", meta.checkedAt());
            json.writeStringField("sha256", meta.sha256());
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    static byte[] write(Ref ref) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("id", ref.id());
            json.writeStringField("root", ref.root());
            json.writeObjectFieldStart("files");
            for (Map.Entry<String, RefFile> file : ref.files().entrySet()) {
                json.writeObjectFieldStart(file.getKey());
                json.writeStringField("cid", file.getValue().cid());
                json.writeNumberField("size", file.getValue().size());
                json.writeStringField("sha256", file.getValue().sha256());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static Map<String, RefFile> files(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        start(parser, token);
        Map<String, RefFile> files = new LinkedHashMap<>();
        for (JsonToken field = parser.nextToken(); field == JsonToken.FIELD_NAME; field = parser.nextToken()) {
            String name = parser.currentName();
            files.put(name, file(parser, parser.nextToken()));
        }
        return files;
    }

    private static RefFile file(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        start(parser, token);
        String cid = null;
        long size = 0;
        String sha256 = null;
        for (JsonToken field = parser.nextToken(); field == JsonToken.FIELD_NAME; field = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "cid" -> cid = text(parser, value);
                case "size" -> size = size(parser, value);
                case "sha256" -> sha256 = text(parser, value);
                default -> throw unknown(parser, name);
            }
        }
        return new RefFile(cid, size, sha256);
    }

    private static void start(JsonParser parser, JsonToken token) throws JsonParseException {
        if (token != JsonToken.START_OBJECT) {
            throw new JsonParseException(parser, "expected an object, found " + token);
        }
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new JsonParseException(parser, "expected a string, found " + token);
        }
        return parser.getText();
    }

    private static long size(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new JsonParseException(parser, "expected a whole number, found " + token);
        }
        return parser.getLongValue();
    }

    private static JsonParseException unknown(JsonParser parser, String field) {
        return new JsonParseException(parser, "unknown field '" + field + "'");
    }
}
