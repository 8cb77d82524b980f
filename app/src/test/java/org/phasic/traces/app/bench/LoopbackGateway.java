package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * A synthetic library of {@code count} small trace directories, imported with the domain's UnixFS importer, listed in a
 * {@code registry.json} on disk and served by a {@link CorpusGateway} on loopback.
 */
final class LoopbackGateway implements AutoCloseable {
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final Path registry;
    private final CorpusGateway server;

    LoopbackGateway(Path folder, int count) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-11-25");
        ObjectNode traces = document.putObject("traces");
        UnixFsImporter importer = new UnixFsImporter(ImportProfile.KUBO, blocks);
        for (int i = 0; i < count; i++) {
            String id = String.format("synthetic_%04d", i);
            Path dir = Files.createDirectories(folder.resolve("library").resolve(id));
            byte[] trace = gzip("{\"n_vertices\": 3, \"param_length\": 1, \"synthetic\": " + i + ", \"padding\": \""
                    + "x".repeat(600) + "\"}");
            Files.write(dir.resolve(TraceEntry.TRACE_FILE), trace);
            Files.writeString(dir.resolve(TraceEntry.METADATA_FILE), "{\"model_type\": \"synthetic\", \"index\": " + i + "}");
            ImportResult imported = importer.importPath(dir);
            ObjectNode entry = traces.putObject(id).put("cid", imported.root().toString())
                    .put("description", "synthetic trace " + i).put("checksum", "sha256:" + Sha256.hex(trace)).put("license", "MIT");
            entry.putObject("metadata").put("model_type", "synthetic").put("domain", "benchmark");
        }
        registry = folder.resolve("registry.json");
        json.writeValue(registry.toFile(), document);
        server = new CorpusGateway(blocks);
    }

    /** The {@code registry.url} value. */
    String registryUrl() {
        return registry.toUri().toString();
    }

    /** The {@code gateway.urls} value. */
    String gatewayUrl() {
        return server.url();
    }

    int requests() {
        return server.requests();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
