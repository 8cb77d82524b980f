package org.phasic.traces.domain.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.text.UntrustedText;

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
 * @param supersededBy optional id of the entry that replaces this one, as written ({@code superseded_by})
 * @param defect      optional one-line description of what is wrong with this entry's content, as written
 * @param extra       unknown JSON members, kept on round trip
 */
public record TraceEntry(TraceId id, String cid, String description, TraceMetadata metadata, Map<String, FileRef> files,
                         String checksum, String license, String graphHash, String supersededBy, String defect,
                         Map<String, Object> extra) {
    /** The trace file every trace directory holds. */
    public static final String TRACE_FILE = "trace.json.gz";
    /** The metadata file every trace directory holds. */
    public static final String METADATA_FILE = "metadata.json";

    public TraceEntry {
        Objects.requireNonNull(id, "id");
        files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
        extra = Extra.copy(extra);
    }

    /** An entry that is not superseded and has no known defect. */
    public TraceEntry(TraceId id, String cid, String description, TraceMetadata metadata, Map<String, FileRef> files,
                      String checksum, String license, String graphHash, Map<String, Object> extra) {
        this(id, cid, description, metadata, files, checksum, license, graphHash, null, null, extra);
    }

    /** This entry marked as replaced by {@code replacement} because of {@code defectText} (may be null). */
    public TraceEntry supersede(TraceId replacement, String defectText) {
        return new TraceEntry(id, cid, description, metadata, files, checksum, license, graphHash,
                Objects.requireNonNull(replacement, "replacement").value(), defectText, extra);
    }

    /**
     * The one-line warning users of a superseded entry get, e.g. {@code coalescent_n5_theta1 is superseded by
     * kingman_n5_theta1: <defect>}; empty when the entry is not superseded and has no defect. Registry text in it is
     * made printable ({@link UntrustedText}).
     */
    public Optional<String> warning() {
        boolean superseded = supersededBy != null && !supersededBy.isBlank();
        boolean defective = defect != null && !defect.isBlank();
        if (!superseded && !defective) {
            return Optional.empty();
        }
        String head = superseded ? id + " is superseded by " + UntrustedText.printable(supersededBy) : id + " has a known defect";
        return Optional.of(defective ? head + ": " + UntrustedText.printable(defect.strip()) : head);
    }

    /** Whether every tag in {@code wanted} is among this trace's tags. */
    public boolean hasTag(String wanted) {
        return metadata != null && metadata.tags().contains(wanted);
    }
}
