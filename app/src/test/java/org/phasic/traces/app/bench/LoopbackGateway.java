package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * A synthetic library of {@code count} small trace directories, imported with the domain's UnixFS importer, listed in a
 * {@code registry.json} on disk and served by a trustless gateway on loopback
 * ({@code GET /ipfs/{root}/{file}?format=car}: the directory block and the file's block).
 */
final class LoopbackGateway implements AutoCloseable {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    private final MockWebServer server = new MockWebServer();
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final Map<Cid, Map<String, Cid>> files = new HashMap<>();
    private final Path registry;

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
            files.put(imported.root(), Map.of(
                    TraceEntry.TRACE_FILE, imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid(),
                    TraceEntry.METADATA_FILE, imported.entry(TraceEntry.METADATA_FILE).orElseThrow().cid()));
            ObjectNode entry = traces.putObject(id).put("cid", imported.root().toString())
                    .put("description", "synthetic trace " + i).put("checksum", "sha256:" + Sha256.hex(trace)).put("license", "MIT");
            entry.putObject("metadata").put("model_type", "synthetic").put("domain", "benchmark");
        }
        registry = folder.resolve("registry.json");
        json.writeValue(registry.toFile(), document);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request.getUrl().pathSegments());
            }
        });
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.start();
    }

    /** The {@code registry.url} value. */
    String registryUrl() {
        return registry.toUri().toString();
    }

    /** The {@code gateway.urls} value. */
    String gatewayUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    int requests() {
        return server.getRequestCount();
    }

    /** {@code /ipfs/{root}/{file}}: a CAR of the directory block and the file's (single) block; anything else 404. */
    private MockResponse answer(List<String> segments) {
        if (segments.size() != 3 || !segments.get(0).equals("ipfs")) {
            return new MockResponse.Builder().code(404).build();
        }
        Cid root = Cid.parse(segments.get(1));
        Cid file = files.getOrDefault(root, Map.of()).get(segments.get(2));
        if (file == null) {
            return new MockResponse.Builder().code(404).build();
        }
        try {
            ByteArrayOutputStream car = new ByteArrayOutputStream();
            try (CarWriter writer = new CarWriter(car, root)) {
                for (Cid cid : List.of(root, file)) {
                    writer.accept(Block.verified(cid, blocks.fetch(cid).orElseThrow()));
                }
            }
            return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                    .body(new Buffer().write(car.toByteArray())).build();
        } catch (IOException e) {
            return new MockResponse.Builder().code(500).build();
        }
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
