package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.phasic.traces.domain.io.SizeLimitExceededException;
import org.phasic.traces.domain.io.SizeLimitedInputStream;
import org.phasic.traces.domain.registry.JsonPath;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;

/**
 * {@code registry.json} over Jackson.
 *
 * <p>Reading is tolerant of content defects a reader must survive (mock file CIDs, a placeholder collection CID,
 * missing optional fields are kept as written, for {@code RegistryValidator} to report) and strict about structure:
 * input that is not JSON, a top level that is not an object, {@code traces} that is not an object, a trace id that
 * is not valid, a value of the wrong JSON type, a duplicate key or a document above the size limit is a
 * {@link RegistryFormatException} whose message starts with the JSON path. Unknown members are kept at every
 * level.
 *
 * <p>Writing uses the live file's member order and style (two-space indent, ASCII with {@code \\u} escapes) and ends
 * with a newline, so reading and writing an unchanged registry reproduces it byte for byte.
 */
public final class JacksonRegistryCodec implements RegistryCodec {
    /** The default largest document read: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final long maxBytes;

    /** A codec reading documents of up to {@link #DEFAULT_MAX_BYTES}. */
    public JacksonRegistryCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A codec reading documents of up to {@code maxBytes}. */
    public JacksonRegistryCodec(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Registry read(InputStream in) throws IOException {
        Map<TraceId, TraceEntry> entries = new LinkedHashMap<>();
        Registry rest = scan(in, (entry, offset, length) -> entries.put(entry.id(), entry));
        return new Registry(rest.version(), rest.updated(), entries, rest.collections(), rest.pinningServices(), rest.extra());
    }

    /** Reads a registry from bytes. */
    public Registry read(byte[] document) {
        try {
            return read(new ByteArrayInputStream(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TraceEntry readEntry(TraceId id, InputStream in) throws IOException {
        Objects.requireNonNull(id, "id");
        return RegistryTreeMapper.toEntry(id, readTree(Objects.requireNonNull(in, "in")));
    }

    @Override
    public void readEntries(InputStream in, Consumer<TraceEntry> consumer) throws IOException {
        Objects.requireNonNull(consumer, "consumer");
        scan(in, (entry, offset, length) -> consumer.accept(entry));
    }

    @Override
    public Registry scan(InputStream in, EntryVisitor entries) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(entries, "entries");
        return parse(in, parser -> {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw emptyDocument();
            }
            if (first != JsonToken.START_OBJECT) {
                return RegistryTreeMapper.toRegistry(JsonTrees.readValue(parser));
            }
            ObjectNode rest = JsonTrees.NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("traces")) {
                    rest.putObject(name);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        TraceId id = RegistryTreeMapper.traceId(parser.currentName());
                        parser.nextToken();
                        long offset = parser.currentTokenLocation().getByteOffset();
                        TraceEntry entry = RegistryTreeMapper.toEntry(id, JsonTrees.readValue(parser));
                        entries.entry(entry, offset, parser.currentTokenLocation().getByteOffset() + 1 - offset);
                    }
                } else {
                    rest.set(name, JsonTrees.readValue(parser));
                }
            }
            JsonTrees.requireEnd(parser);
            return RegistryTreeMapper.toRegistry(rest);
        });
    }

    @Override
    public void write(Registry registry, OutputStream out) throws IOException {
        Objects.requireNonNull(registry, "registry");
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        JsonTrees.writePretty(RegistryTreeMapper.toTree(registry), writer);
    }

    /** The registry as the bytes {@link #write} produces. */
    public byte[] toBytes(Registry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(registry, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The member {@code "<id>": {...}} of one entry exactly as it appears inside {@code "traces"} of a written
     * registry (four-space base indent, no trailing comma), for pasting into {@code registry.json} by hand.
     */
    @Override
    public String entrySnippet(TraceEntry entry) {
        ObjectNode wrapper = JsonTrees.NODES.objectNode();
        wrapper.set(entry.id().value(), RegistryTreeMapper.toTree(entry));
        StringWriter text = new StringWriter();
        try {
            JsonTrees.writePretty(wrapper, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = text.toString().lines().toList();
        StringBuilder snippet = new StringBuilder();
        for (String line : lines.subList(1, lines.size() - 1)) {
            snippet.append("  ").append(line).append('\n');
        }
        return snippet.toString();
    }

    private JsonNode readTree(InputStream in) throws IOException {
        return parse(in, parser -> {
            JsonNode tree = JsonTrees.readDocument(parser);
            if (tree == null) {
                throw emptyDocument();
            }
            return tree;
        });
    }

    private static RegistryFormatException emptyDocument() {
        return RegistryFormatException.at("$", "the document is empty, expected a JSON object", null);
    }

    /** What a step of reading makes of the parser. */
    @FunctionalInterface
    private interface ParserStep<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** {@code step} over a strict parser of {@code in} within the size limit, every failure a {@link RegistryFormatException} with its path. */
    private <T> T parse(InputStream in, ParserStep<T> step) throws IOException {
        try (JsonParser parser = JsonTrees.strictParser(new SizeLimitedInputStream(in, maxBytes, "the registry document"))) {
            return step.read(parser);
        } catch (SizeLimitExceededException e) {
            throw RegistryFormatException.at("$", e.getMessage() + "; refusing to read it (raise " + RegistrySettings.MAX_BYTES + " for a larger registry)", e);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private static RegistryFormatException notJson(JsonProcessingException e) {
        JsonPath path = e.getProcessor() instanceof JsonParser parser ? JsonTrees.pathOf(parser.getParsingContext()) : JsonPath.root();
        return RegistryFormatException.at(path.toString(), "not valid JSON: " + describe(e), e);
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    @Override
    public TraceMetadata readMetadata(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return RegistryTreeMapper.toMetadata(readTree(in));
    }

    @Override
    public byte[] writeMetadata(TraceMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        StringWriter text = new StringWriter();
        try {
            JsonTrees.writePretty(RegistryTreeMapper.toTree(metadata), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
