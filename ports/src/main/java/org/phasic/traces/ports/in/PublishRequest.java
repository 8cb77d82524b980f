package org.phasic.traces.ports.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;

/**
 * What to publish.
 *
 * @param id         the new trace's id
 * @param traceFile  the trace file's bytes: plain JSON or gzip'd JSON, in any format the trace codec reads
 * @param metadata   the metadata as given; {@code param_length}, {@code vertices} and {@code created} may be absent
 *                   and are then taken from the trace (and today's date)
 * @param codeFiles  optional construction or example code, file name → bytes, placed beside the trace
 * @param newVersion whether an id that already exists in the registry may be replaced by a new version
 */
public record PublishRequest(TraceId id, byte[] traceFile, TraceMetadata metadata, Map<String, byte[]> codeFiles,
                             boolean newVersion) {
    public PublishRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(traceFile, "traceFile");
        Objects.requireNonNull(metadata, "metadata");
        codeFiles = Collections.unmodifiableMap(new LinkedHashMap<>(codeFiles == null ? Map.of() : codeFiles));
    }
}
