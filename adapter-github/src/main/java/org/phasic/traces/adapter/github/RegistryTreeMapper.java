package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phasic.traces.domain.registry.Citation;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.PinningService;
import org.phasic.traces.domain.registry.JsonPath;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceCollection;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.out.RegistryFormatException;

/**
 * Maps between JSON trees and the registry model. Members are written in the order of the live
 * registry file; unknown members follow the known ones in their original order.
 */
final class RegistryTreeMapper {
    private static final List<String> REGISTRY_FIELDS = List.of("version", "updated", "traces", "collections", "pinning_services");
    private static final List<String> ENTRY_FIELDS = List.of("cid", "description", "metadata", "files", "checksum", "license", "graph_hash",
            "superseded_by", "defect");
    private static final List<String> METADATA_FIELDS = List.of("model_type", "domain", "variant", "param_length", "vertices",
            "description", "parameters", "created", "author", "citation", "tags", "license");
    private static final List<String> PARAMETER_FIELDS = List.of("name", "description", "domain");
    private static final List<String> CITATION_FIELDS = List.of("text", "doi", "url");
    private static final List<String> FILE_FIELDS = List.of("cid", "size_bytes");
    private static final List<String> COLLECTION_FIELDS = List.of("description", "cid", "traces");
    private static final List<String> PINNING_FIELDS = List.of("api_url", "gateway");

    private RegistryTreeMapper() {
    }

    // ---- reading -------------------------------------------------------------------------------------------

    static Registry toRegistry(JsonNode document) {
        JsonField root = JsonField.root(document);
        if (document == null || !document.isObject()) {
            throw RegistryFormatException.at("$", "a registry is a JSON object, found " + JsonTrees.kind(document), null);
        }
        JsonField traces = root.member("traces");
        if (traces.absent()) {
            throw RegistryFormatException.at(traces.path().toString(), "missing: a registry needs a traces object (it may be empty)", null);
        }
        traces.requireObject();
        Map<TraceId, TraceEntry> entries = new LinkedHashMap<>();
        traces.objectOf((key, field) -> entry(traceId(key, field), field)).forEach((key, entry) -> entries.put(entry.id(), entry));
        return new Registry(
                root.member("version").string(),
                root.member("updated").string(),
                entries,
                root.member("collections").objectOf((name, field) -> collection(field.requireObject())),
                root.member("pinning_services").objectOf((name, field) -> pinning(field.requireObject())),
                root.extra(Set.copyOf(REGISTRY_FIELDS)));
    }

    /** One entry: the JSON object of {@code id} found under {@code traces}, with the paths {@link #toRegistry} would name. */
    static TraceEntry toEntry(TraceId id, JsonNode node) {
        return entry(id, new JsonField(node, JsonPath.root().member("traces").member(id.value())));
    }

    /** The trace id of member {@code key} of {@code traces}, or a format error naming its path. */
    static TraceId traceId(String key) {
        return traceId(key, new JsonField(null, JsonPath.root().member("traces").member(key)));
    }

    private static TraceId traceId(String key, JsonField field) {
        try {
            return TraceId.of(key);
        } catch (IllegalArgumentException e) {
            throw RegistryFormatException.at(field.path().toString(), e.getMessage(), e);
        }
    }

    private static TraceEntry entry(TraceId id, JsonField field) {
        field.requireObject();
        return new TraceEntry(id,
                field.member("cid").string(),
                field.member("description").string(),
                field.member("metadata").objectOrNull(RegistryTreeMapper::metadata),
                field.member("files").objectOf((name, file) -> fileRef(file.requireObject())),
                field.member("checksum").string(),
                field.member("license").string(),
                field.member("graph_hash").string(),
                field.member("superseded_by").string(),
                field.member("defect").string(),
                field.extra(Set.copyOf(ENTRY_FIELDS)));
    }

    /** A {@code metadata.json} document (the metadata object on its own). */
    static TraceMetadata toMetadata(JsonNode document) {
        JsonField root = JsonField.root(document);
        if (document == null || !document.isObject()) {
            throw RegistryFormatException.at("$", "metadata is a JSON object, found " + JsonTrees.kind(document), null);
        }
        return metadata(root);
    }

    private static TraceMetadata metadata(JsonField field) {
        return new TraceMetadata(
                field.member("model_type").string(),
                field.member("domain").string(),
                field.member("variant").string(),
                field.member("param_length").integer(),
                field.member("vertices").integer(),
                field.member("description").string(),
                field.member("parameters").arrayOf(p -> parameter(p.requireObject())),
                field.member("created").string(),
                field.member("author").string(),
                field.member("citation").objectOrNull(RegistryTreeMapper::citation),
                field.member("tags").arrayOf(JsonField::string),
                field.member("license").string(),
                field.extra(Set.copyOf(METADATA_FIELDS)));
    }

    private static Parameter parameter(JsonField field) {
        return new Parameter(field.member("name").string(), field.member("description").string(),
                field.member("domain").string(), field.extra(Set.copyOf(PARAMETER_FIELDS)));
    }

    private static Citation citation(JsonField field) {
        return new Citation(field.member("text").string(), field.member("doi").string(), field.member("url").string(),
                field.extra(Set.copyOf(CITATION_FIELDS)));
    }

    private static FileRef fileRef(JsonField field) {
        return new FileRef(field.member("cid").string(), field.member("size_bytes").longInteger(), field.extra(Set.copyOf(FILE_FIELDS)));
    }

    private static TraceCollection collection(JsonField field) {
        return new TraceCollection(field.member("description").string(), field.member("cid").string(),
                field.member("traces").arrayOf(JsonField::string), field.extra(Set.copyOf(COLLECTION_FIELDS)));
    }

    private static PinningService pinning(JsonField field) {
        return new PinningService(field.member("api_url").string(), field.member("gateway").string(),
                field.extra(Set.copyOf(PINNING_FIELDS)));
    }

    // ---- writing -------------------------------------------------------------------------------------------

    static ObjectNode toTree(Registry registry) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "version", registry.version());
        putText(node, "updated", registry.updated());
        ObjectNode traces = node.putObject("traces");
        registry.traces().forEach((id, entry) -> traces.set(id.value(), toTree(entry)));
        node.set("collections", objectOf(registry.collections(), RegistryTreeMapper::toTree));
        node.set("pinning_services", objectOf(registry.pinningServices(), RegistryTreeMapper::toTree));
        return withExtra(node, registry.extra(), REGISTRY_FIELDS);
    }

    /** The JSON object of one trace entry (without its id). */
    static ObjectNode toTree(TraceEntry entry) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "cid", entry.cid());
        putText(node, "description", entry.description());
        if (entry.metadata() != null) {
            node.set("metadata", toTree(entry.metadata()));
        }
        if (!entry.files().isEmpty()) {
            node.set("files", objectOf(entry.files(), RegistryTreeMapper::toTree));
        }
        putText(node, "checksum", entry.checksum());
        putText(node, "license", entry.license());
        putText(node, "graph_hash", entry.graphHash());
        putText(node, "superseded_by", entry.supersededBy());
        putText(node, "defect", entry.defect());
        return withExtra(node, entry.extra(), ENTRY_FIELDS);
    }

    static ObjectNode toTree(TraceMetadata metadata) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "model_type", metadata.modelType());
        putText(node, "domain", metadata.domain());
        putText(node, "variant", metadata.variant());
        putNumber(node, "param_length", metadata.paramLength());
        putNumber(node, "vertices", metadata.vertices());
        putText(node, "description", metadata.description());
        if (!metadata.parameters().isEmpty()) {
            node.set("parameters", arrayOf(metadata.parameters(), RegistryTreeMapper::toTree));
        }
        putText(node, "created", metadata.created());
        putText(node, "author", metadata.author());
        if (metadata.citation() != null) {
            node.set("citation", toTree(metadata.citation()));
        }
        if (!metadata.tags().isEmpty()) {
            node.set("tags", arrayOf(metadata.tags(), JsonTrees.NODES::textNode));
        }
        putText(node, "license", metadata.license());
        return withExtra(node, metadata.extra(), METADATA_FIELDS);
    }

    private static ObjectNode toTree(Parameter parameter) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "name", parameter.name());
        putText(node, "description", parameter.description());
        putText(node, "domain", parameter.domain());
        return withExtra(node, parameter.extra(), PARAMETER_FIELDS);
    }

    private static ObjectNode toTree(Citation citation) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "text", citation.text());
        putText(node, "doi", citation.doi());
        putText(node, "url", citation.url());
        return withExtra(node, citation.extra(), CITATION_FIELDS);
    }

    private static ObjectNode toTree(FileRef file) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "cid", file.cid());
        putNumber(node, "size_bytes", file.sizeBytes());
        return withExtra(node, file.extra(), FILE_FIELDS);
    }

    private static ObjectNode toTree(TraceCollection collection) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "description", collection.description());
        putText(node, "cid", collection.cid());
        node.set("traces", arrayOf(collection.traces(), JsonTrees.NODES::textNode));
        return withExtra(node, collection.extra(), COLLECTION_FIELDS);
    }

    private static ObjectNode toTree(PinningService service) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        putText(node, "api_url", service.apiUrl());
        putText(node, "gateway", service.gateway());
        return withExtra(node, service.extra(), PINNING_FIELDS);
    }

    private static <T> ObjectNode objectOf(Map<String, T> members, Function<T, JsonNode> writer) {
        ObjectNode node = JsonTrees.NODES.objectNode();
        members.forEach((name, value) -> node.set(name, writer.apply(value)));
        return node;
    }

    private static <T> ArrayNode arrayOf(Collection<T> elements, Function<T, JsonNode> writer) {
        ArrayNode node = JsonTrees.NODES.arrayNode();
        elements.forEach(element -> node.add(writer.apply(element)));
        return node;
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putNumber(ObjectNode node, String name, Number value) {
        if (value instanceof Integer small) {
            node.put(name, small.intValue());
        } else if (value != null) {
            node.put(name, value.longValue());
        }
    }

    private static ObjectNode withExtra(ObjectNode node, Map<String, Object> extra, List<String> known) {
        extra.forEach((name, value) -> {
            if (known.contains(name)) {
                throw new IllegalArgumentException("extra member '" + name + "' collides with a known field of the registry format");
            }
            node.set(name, JsonTrees.fromPlain(value));
        });
        return node;
    }
}
