package org.phasic.traces.domain.registry;

import java.util.List;
import java.util.Objects;

/**
 * What a listing shows of a registry entry and what a {@link RegistryQuery} looks at: the entry without its files,
 * parameters, citation and unknown members. Cheap to keep for every entry of a large registry.
 *
 * @param id           the trace id
 * @param cid          the directory CID as written
 * @param description  one line
 * @param metadata     the summarised metadata, null when the entry has none
 * @param checksum     {@code sha256:<hex>} of {@code trace.json.gz}, as written
 * @param license      licence name
 * @param supersededBy id of the entry that replaces this one, as written
 * @param defect       what is wrong with this entry's content, as written
 */
public record TraceSummary(TraceId id, String cid, String description, Metadata metadata, String checksum, String license,
                           String supersededBy, String defect) {
    public TraceSummary {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The summarised {@code metadata} object.
     *
     * @param modelType   model type, e.g. {@code coalescent}
     * @param domain      domain, e.g. {@code population-genetics}
     * @param variant     model variant
     * @param paramLength number of parameters
     * @param vertices    number of vertices of the graph
     * @param description longer description
     * @param tags        tags, in order
     */
    public record Metadata(String modelType, String domain, String variant, Integer paramLength, Integer vertices,
                           String description, List<String> tags) {
        public Metadata {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** The summary of {@code entry}. */
    public static TraceSummary of(TraceEntry entry) {
        TraceMetadata metadata = entry.metadata();
        return new TraceSummary(entry.id(), entry.cid(), entry.description(),
                metadata == null ? null : new Metadata(metadata.modelType(), metadata.domain(), metadata.variant(),
                        metadata.paramLength(), metadata.vertices(), metadata.description(), metadata.tags()),
                entry.checksum(), entry.license(), entry.supersededBy(), entry.defect());
    }

    /** Whether {@code wanted} is among this trace's tags. */
    public boolean hasTag(String wanted) {
        return metadata != null && metadata.tags().contains(wanted);
    }
}
