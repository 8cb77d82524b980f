package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;

/** The JSON a script sees for a registry entry in {@code list --json} and {@code show --json}. */
final class EntryJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EntryJson() {
    }

    static ObjectNode summary(TraceEntry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", entry.id().value());
        node.put("cid", entry.cid());
        node.put("description", entry.description());
        TraceMetadata metadata = entry.metadata();
        if (metadata != null) {
            node.put("model_type", metadata.modelType());
            node.put("domain", metadata.domain());
            node.put("variant", metadata.variant());
            node.put("vertices", metadata.vertices());
            node.put("param_length", metadata.paramLength());
            metadata.tags().forEach(node.putArray("tags")::add);
        }
        node.put("checksum", entry.checksum());
        node.put("license", entry.license());
        if (entry.supersededBy() != null) {
            node.put("superseded_by", entry.supersededBy());
        }
        if (entry.defect() != null) {
            node.put("defect", entry.defect());
        }
        return node;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
