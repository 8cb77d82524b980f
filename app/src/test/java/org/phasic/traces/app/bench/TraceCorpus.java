package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.domain.trace.StateSpace;
import org.phasic.traces.domain.trace.TraceBuilder;
import org.phasic.traces.domain.trace.Transition;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * The corpus phasic users publish, made with the domain's importer (Kubo's defaults: CIDv0, 256 KiB chunks): {@code count}
 * trace directories ({@code trace.json.gz}, {@code metadata.json}, {@code checksum.sha256}, an extra {@code example.py} in
 * every 10th), Kingman-like chains with n mostly 3..300, every 50th with n 7,000..16,000 (2-3 chunks), every 5th with two
 * parameters; all distinct. The blocks stay in memory for a {@link CorpusGateway}; the registry is written to disk.
 */
final class TraceCorpus {
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final Map<String, Long> traceSizes = new LinkedHashMap<>();
    private final Path registry;

    TraceCorpus(Path folder, int count) throws IOException {
        JacksonTraceCodec codec = new JacksonTraceCodec();
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-12-01T00:00:00Z");
        List<String> ids = new ArrayList<>();
        ObjectNode traces = json.createObjectNode();
        UnixFsImporter importer = new UnixFsImporter(ImportProfile.KUBO, blocks);
        for (int i = 0; i < count; i++) {
            int samples = samples(i);
            int parameters = i % 5 == 4 ? 2 : 1;
            String id = String.format("corpus_%04d_n%d_p%d", i, samples, parameters);
            EliminationTrace trace = TraceBuilder.withParameters(parameters)
                    .metadata(Map.of("model", "kingman-like", "samples", samples, "index", i))
                    .build(new int[] {0}, chain(samples, parameters));
            byte[] gz = codec.toGzip(trace);
            String sha256 = Sha256.hex(gz);
            Path dir = Files.createDirectories(folder.resolve("library").resolve(id));
            Files.write(dir.resolve(TraceEntry.TRACE_FILE), gz);
            ObjectNode metadata = json.createObjectNode().put("model_type", "coalescent").put("domain", "benchmark")
                    .put("param_length", parameters).put("vertices", trace.nVertices() - 1)
                    .put("description", "Kingman-like chain, n=" + samples);
            Files.write(dir.resolve(TraceEntry.METADATA_FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
            Files.writeString(dir.resolve("checksum.sha256"), sha256 + "  trace.json.gz\n", StandardCharsets.UTF_8);
            if (i % 10 == 9) {
                Files.writeString(dir.resolve("example.py"), "from phasic import get_trace\ntrace = get_trace('" + id + "')\n");
            }
            ImportResult imported = importer.importPath(dir);
            ObjectNode entry = traces.putObject(id).put("cid", imported.root().toString())
                    .put("description", "Kingman-like chain with " + samples + " samples, " + parameters + " parameter(s)");
            entry.set("metadata", metadata);
            ObjectNode files = entry.putObject("files");
            files.putObject(TraceEntry.TRACE_FILE).put("cid", imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid().toString())
                    .put("size_bytes", gz.length);
            entry.put("checksum", "sha256:" + sha256).put("license", "MIT");
            traceSizes.put(id, (long) gz.length);
            ids.add(id);
        }
        ObjectNode collection = document.putObject("collections").putObject("corpus").put("description", "benchmark corpus");
        ids.forEach(collection.putArray("traces")::add);
        document.set("traces", traces);
        registry = folder.resolve("registry.json");
        json.writeValue(registry.toFile(), document);
    }

    /** n mostly 3..300; every 50th 7,000..16,000. */
    private static int samples(int i) {
        if (i % 50 == 49) {
            return 7_000 + (i / 50 % 10) * 1_000;
        }
        return 3 + (i * 37) % 298;
    }

    /** Kingman's chain: k lineages go to k-1 at rate C(k,2)·θ1 (+ k·θ2 with two parameters). */
    private static StateSpace chain(int samples, int parameters) {
        if (parameters == 1) {
            return KingmanCoalescent.stateSpace(samples);
        }
        return state -> {
            int k = state[0];
            if (k == 0) {
                return List.of(Transition.to(new int[] {samples}, 1.0));
            }
            if (k == 1) {
                return List.of();
            }
            return List.of(Transition.to(new int[] {k - 1}, new double[] {KingmanCoalescent.pairs(k), k}));
        };
    }

    MemoryBlockStore blocks() {
        return blocks;
    }

    String registryUrl() {
        return registry.toUri().toString();
    }

    /** Trace id to the size of its {@code trace.json.gz}, in corpus order. */
    Map<String, Long> traceSizes() {
        return traceSizes;
    }

    String smallest() {
        return traceSizes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    String largest() {
        return traceSizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
