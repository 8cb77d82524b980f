package org.phasic.traces.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * A real trace directory ({@code trace.json.gz}, {@code metadata.json}, any extra files) imported by the domain's UnixFS importer
 * into memory: its blocks, its CIDs and a registry entry for it.
 */
record TraceDirectory(Cid root, Cid traceFile, byte[] traceBytes, MemoryBlockStore blocks) {

    static TraceDirectory create(Path folder, String traceText) throws IOException {
        return create(folder, traceText, Map.of());
    }

    /**
     * A trace directory with {@code extraFiles} (name → text) beside the trace and its metadata; a name with a '/'
     * makes a sub-folder.
     */
    static TraceDirectory create(Path folder, String traceText, Map<String, String> extraFiles) throws IOException {
        Files.createDirectories(folder);
        byte[] trace = traceText.getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(TraceEntry.TRACE_FILE), trace);
        Files.writeString(folder.resolve(TraceEntry.METADATA_FILE), "{\"model_type\": \"test\"}");
        for (Map.Entry<String, String> extra : extraFiles.entrySet()) {
            Path file = folder.resolve(extra.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, extra.getValue());
        }
        MemoryBlockStore blocks = new MemoryBlockStore();
        ImportResult imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(folder);
        return new TraceDirectory(imported.root(), imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid(), trace, blocks);
    }

    /** The registry entry: this directory's CID and the SHA-256 of its trace file. */
    TraceEntry entry(TraceId id) {
        return entry(id, "sha256:" + Sha256.hex(traceBytes));
    }

    /** The registry entry with the size of its trace file, as published registries give it. */
    TraceEntry entryWithSizes(TraceId id) {
        return new TraceEntry(id, root.toString(), "test trace", null,
                Map.of(TraceEntry.TRACE_FILE, new FileRef(traceFile.toString(), (long) traceBytes.length, Map.of())),
                "sha256:" + Sha256.hex(traceBytes), "MIT", null, Map.of());
    }

    TraceEntry entry(TraceId id, String checksum) {
        return new TraceEntry(id, root.toString(), "test trace", null, Map.of(), checksum, "MIT", null, Map.of());
    }

    /** The blocks with one byte of the trace file's block flipped (a source serving bad bytes). */
    BlockSource withFlippedTraceByte() {
        return cid -> blocks.fetch(cid).map(data -> cid.equals(traceFile) ? flipLast(data) : data);
    }

    /** The blocks without the trace file's block (a source that lost part of the DAG). */
    BlockSource withoutTraceBlock() {
        return cid -> cid.equals(traceFile) ? Optional.empty() : blocks.fetch(cid);
    }

    private static byte[] flipLast(byte[] data) {
        byte[] copy = data.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }
}
