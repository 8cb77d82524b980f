package org.phasic.traces.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.ImportedEntry;

/**
 * A packaged trace directory, made by {@link TracePackager}.
 *
 * @param trace    the parsed trace
 * @param files    file name → bytes, in packaging order
 * @param checksum {@code sha256:<hex>} of {@code trace.json.gz}, as the registry records it
 */
public record TracePackage(EliminationTrace trace, Map<String, byte[]> files, String checksum) {
    public TracePackage {
        Objects.requireNonNull(trace, "trace");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        Objects.requireNonNull(checksum, "checksum");
    }

    /** Writes the files into {@code folder} (created if needed). */
    public void writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * The registry entry of this package, with the CIDs of an import that holds it.
     *
     * @param id          the trace id
     * @param description the entry's one-line description
     * @param metadata    the entry's metadata (what {@code metadata.json} holds)
     * @param imported    the import holding this package's folder
     * @param folder      the folder's path inside the import ({@code ""} when the package was imported on its own)
     * @param listed      the files the entry lists under {@code files}, in order
     * @param extra       further entry members (such as {@code previous})
     */
    public TraceEntry entry(TraceId id, String description, TraceMetadata metadata, ImportResult imported, String folder,
                            List<String> listed, Map<String, Object> extra) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        Map<String, FileRef> refs = new LinkedHashMap<>();
        for (String name : listed) {
            ImportedEntry file = imported.entry(prefix + name)
                    .orElseThrow(() -> new IllegalArgumentException("the import lacks " + prefix + name));
            refs.put(name, new FileRef(file.cid().toString(), file.size(), Map.of()));
        }
        ImportedEntry directory = imported.entry(folder)
                .orElseThrow(() -> new IllegalArgumentException("the import lacks the folder '" + folder + "'"));
        return new TraceEntry(id, directory.cid().toString(), description, metadata, refs, checksum, metadata.license(), null, extra);
    }
}
