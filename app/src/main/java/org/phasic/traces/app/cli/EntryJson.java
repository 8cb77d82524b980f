package org.phasic.traces.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.GcReport;

/** The JSON a script sees for registry entries ({@code list}, {@code show}, {@code get}) and other results, snake_case. */
final class EntryJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EntryJson() {
    }

    static ObjectNode summary(TraceEntry entry) {
        return summary(TraceSummary.of(entry));
    }

    static ObjectNode summary(TraceSummary entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", entry.id().value());
        node.put("cid", entry.cid());
        node.put("description", entry.description());
        TraceSummary.Metadata metadata = entry.metadata();
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

    /** A batch ({@code install}, {@code cache push/pull}): its target, counts and every item with its status. */
    static ObjectNode batch(BatchOutcome outcome) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("target", outcome.target());
        node.put("done", outcome.count(BatchItem.Status.DONE));
        node.put("skipped", outcome.count(BatchItem.Status.SKIPPED));
        node.put("failed", outcome.count(BatchItem.Status.FAILED));
        ArrayNode items = node.putArray("items");
        for (BatchItem item : outcome.items()) {
            ObjectNode row = items.addObject();
            row.put("id", item.id().value());
            row.put("status", item.status().name().toLowerCase(Locale.ROOT));
            row.put("served_by", item.servedBy().map(Object::toString).orElse(null));
            row.put("error", item.error().orElse(null));
            String hint = HintText.of(item.hint());
            row.put("hint", hint.isEmpty() ? null : hint);
        }
        return node;
    }

    /** What {@code gc} or {@code store rm} removed (or, in a dry run, would remove). */
    static ObjectNode removal(GcReport report) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("dry_run", report.dryRun());
        report.references().forEach(node.putArray("traces")::add);
        node.put("files", report.objects().size());
        node.put("bytes", report.bytes());
        return node;
    }

    /**
     * Writes {@code entries} as a JSON array of {@linkplain #summary summaries} followed by a line break, exactly as
     * {@link #write} would write the whole array, but one entry at a time.
     */
    static void writeArray(PrintWriter out, List<TraceSummary> entries) {
        try (SequenceWriter array = MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValuesAsArray(out)) {
            for (TraceSummary entry : entries) {
                array.write(summary(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        out.println();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
