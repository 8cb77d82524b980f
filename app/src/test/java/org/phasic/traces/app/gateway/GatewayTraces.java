package org.phasic.traces.app.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.bundle.KingmanTraces;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/** Trace directories that only a (test) gateway serves: Kingman n=5 plus a note that makes each CID unique. */
final class GatewayTraces {
    static final String UPDATED = "2026-11-25T00:00:00Z";
    /**
     * The content type a trustless gateway answers a CAR request with; in no declared order, as the CARs here hold the
     * blocks in import order (the root last).
     */
    static final String CAR_TYPE = "application/vnd.ipld.car; version=1";

    private GatewayTraces() {
    }

    /**
     * One published trace.
     *
     * @param entry      its registry entry
     * @param root       its directory CID
     * @param car        every block of the directory, as a CAR v1 with the root as its root
     * @param traceBytes {@code trace.json.gz}
     */
    record Published(TraceEntry entry, Cid root, byte[] car, byte[] traceBytes) {
    }

    /** Packs {@code id} (trace, metadata and {@code note.txt} = {@code note}) in {@code work}/{@code id}. */
    static Published publish(Path work, String id, String note) throws IOException {
        Map<String, byte[]> files = KingmanTraces.files(5, new JacksonTraceCodec());
        Path folder = Files.createDirectories(work.resolve(id));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(folder.resolve("note.txt"), note);
        return publishFolder(folder, id, "Kingman n=5 served by a gateway", ImportProfile.KUBO, new MemoryBlockStore());
    }

    /**
     * Packs {@code id} in {@code work}/{@code id}: a {@code trace.json.gz} of {@code size} pseudo-random bytes (from
     * {@code seed}) and a metadata file, imported with {@code profile} into {@code blocks}.
     */
    static Published publishRandom(Path work, String id, int size, long seed, ImportProfile profile,
                                   MemoryBlockStore blocks, String description) throws IOException {
        byte[] traceBytes = new byte[size];
        new Random(seed).nextBytes(traceBytes);
        Path folder = Files.createDirectories(work.resolve(id));
        Files.write(folder.resolve(TraceEntry.TRACE_FILE), traceBytes);
        Files.writeString(folder.resolve(TraceEntry.METADATA_FILE), "{\"model_type\": \"large\"}");
        return publishFolder(folder, id, description, profile, blocks);
    }

    /** Imports {@code folder} into {@code blocks}, as a CAR in import order (the root last) and a registry entry. */
    private static Published publishFolder(Path folder, String id, String description, ImportProfile profile,
                                           MemoryBlockStore blocks) throws IOException {
        ImportResult imported = new UnixFsImporter(profile, blocks).importPath(folder);
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, imported.root())) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        byte[] trace = Files.readAllBytes(folder.resolve(TraceEntry.TRACE_FILE));
        FileRef traceRef = new FileRef(imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid().toString(),
                (long) trace.length, Map.of());
        TraceEntry entry = new TraceEntry(TraceId.of(id), imported.root().toString(), description,
                null, Map.of(TraceEntry.TRACE_FILE, traceRef), "sha256:" + Sha256.hex(trace), "MIT", null, Map.of());
        return new Published(entry, imported.root(), car.toByteArray(), trace);
    }

    /** The regular files of {@code size} bytes under {@code folder} (none when it does not exist). */
    static List<Path> filesOfSize(Path folder, long size) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.size(file) == size;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    /** Writes a registry listing {@code traces} to {@code file}. */
    static Path writeRegistry(Path file, Collection<Published> traces) throws IOException {
        Registry registry = Registry.empty(UPDATED);
        for (Published trace : traces) {
            registry = registry.with(trace.entry(), UPDATED);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            new JacksonRegistryCodec().write(registry, out);
        }
        return file;
    }

    /** A gateway answering every request with {@code carBytes} as a CAR, recording each request's target. */
    static Dispatcher answering(byte[] carBytes, List<String> requests) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(carBytes)).build();
            }
        };
    }

    /** The blocks of a CAR, by CID. */
    static Map<Cid, byte[]> blocksOf(byte[] carBytes) throws IOException {
        Map<Cid, byte[]> blocks = new LinkedHashMap<>();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(carBytes))) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                blocks.put(block.cid(), block.data());
            }
        }
        return blocks;
    }
}
