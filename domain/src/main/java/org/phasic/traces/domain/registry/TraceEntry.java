package org.phasic.traces.domain.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trace of the registry.
 *
 * @param id          the trace id
 * @param cid         the UnixFS directory CID as written (validated where it is used)
 * @param description one line
 * @param metadata    model metadata
 * @param files       file name → file reference, as listed
 * @param checksum    {@code sha256:<hex>} of {@code trace.json.gz}, as written
 * @param license     licence name
 * @param graphHash   optional 64-hex graph hash
 * @param extra       unknown JSON members, kept on round trip
 */
public record TraceEntry(TraceId id, String cid, String description, TraceMetadata metadata, Map<String, FileRef> files,
                         String checksum, String license, String graphHash, Map<String, Object> extra) {
    /** The trace file every trace directory holds. */
    public static final String TRACE_FILE = "trace.json.gz";
    /** The metadata file every trace directory holds. */
    public static final String METADATA_FILE = "metadata.json";

    public TraceEntry {
        Objects.requireNonNull(id, "id");
        files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
        extra = Extra.copy(extra);
    }

    /** Whether every tag in {@code wanted} is among this trace's tags. */
    public boolean hasTag(String wanted) {
        return metadata != null && metadata.tags().contains(wanted);
    }
}
