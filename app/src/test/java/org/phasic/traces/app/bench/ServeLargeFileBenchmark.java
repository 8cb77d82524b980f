package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.app.web.WebServing;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.ServeContentUseCase.DagScope;
import org.phasic.traces.ports.in.ServeContentUseCase.ServeIndexSummary;
import org.phasic.traces.ports.in.ServedContent;
import org.phasic.traces.ports.out.TraceStore;

/**
 * A large file streamed by {@code serve} against reading it from disk (a plain main, run by hand, never by
 * {@code ./mvnw verify}; results in docs/benchmarks.md). {@code DIR} gets a trace directory whose {@code trace.json.gz}
 * is {@code MiB} pseudo-random MiB (the store and {@code serve} never parse it), a registry listing it, and a home whose
 * store holds it (written through the store's own API; {@code serve} proves it against the registry fetched by
 * {@code registry update}); a {@code DIR} made before is reused. Then, {@code runs} times
 * each: {@code cat FILE > /dev/null}, a 1 MiB-read loop over the stored file in this JVM, and from {@code serve} on
 * loopback the CAR of the whole directory ({@code ?format=car&dag-scope=all}) and the plain file
 * ({@code /ipfs/ROOT/trace.json.gz}), read once by this JVM and once by {@code curl} (then the JVM's CPU time is the
 * server's alone), and the same two written by the use case to a stream that drops them (the
 * server's own cost, without HTTP); server and client share the JVM:
 * <pre>
 * java -Xmx128m -cp app/target/test-classes:app/target/classes:$(cat target/cp.txt) \
 *     org.phasic.traces.app.bench.ServeLargeFileBenchmark DIR [MiB=1024] [profile=kubo] [runs=3]
 * </pre>
 * Prints wall and process CPU time per run, MB/s, the ratio to {@code cat}, the start of {@code serve} with and without
 * the kept block index, and the heap's peak.
 */
public final class ServeLargeFileBenchmark {
    private static final String ID = "large_file_trace";
    private static final int MIB = 1 << 20;

    private ServeLargeFileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DIR [MiB=1024] [profile=kubo] [runs=3]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        ImportProfile profile = ImportProfile.preset(args.length > 2 ? args[2] : "kubo");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (!Files.exists(dir.resolve("registry.json"))) {
            make(dir, mib, profile);
        }
        JsonNode entry = new ObjectMapper().readTree(dir.resolve("registry.json").toFile()).path("traces").path(ID);
        String root = entry.path("cid").asText();
        long size = entry.path("files").path(TraceEntry.TRACE_FILE).path("size_bytes").asLong();
        Path stored = dir.resolve("home/store/objects").resolve(entry.path("files").path(TraceEntry.TRACE_FILE).path("cid").asText());
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB; %s: %d bytes, root %s; load average %s%n",
                System.getProperty("java.version"), runtime.availableProcessors(), runtime.maxMemory() >> 20, ID, size, root,
                Files.readString(Path.of("/proc/loadavg")).strip());

        Map<String, String> environment = Map.of("PHASIC_TRACES_HOME", dir.resolve("home").toString(),
                "PHASIC_TRACES_REGISTRY_URL", dir.resolve("registry.json").toUri().toString());
        Files.deleteIfExists(dir.resolve("home/serve/block-index"));
        start(environment, dir, "start, no kept index").close();
        resetPeaks();
        try (Served served = start(environment, dir, "start, kept index")) {
            for (int run = 1; run <= runs; run++) {
                double cat = measure("cat FILE > /dev/null", size, size, () -> {
                    Process process = new ProcessBuilder("sh", "-c", "cat \"$0\" > /dev/null", stored.toString()).start();
                    if (process.waitFor() != 0) {
                        throw new IOException("cat failed");
                    }
                    return size;
                }, 0);
                measure("read, 1 MiB reads (JVM)", size, size, () -> read(stored), cat);
                ServeContentUseCase content = served.composition.useCases().serveContent();
                ServedContent directory = content.resolve(Cid.parse(root), List.of()).orElseThrow();
                ServedContent file = content.resolve(Cid.parse(root), List.of(TraceEntry.TRACE_FILE)).orElseThrow();
                measure("writeCar (no HTTP)", size, -1, () -> discarded(out -> content.writeCar(directory, DagScope.ALL, out)), cat);
                measure("writeFile (no HTTP)", size, size, () -> discarded(out -> content.writeFile(file, out)), cat);
                measure("serve ?format=car&dag-scope=all", size, -1,
                        () -> get(served.serving.address().resolve("/ipfs/" + root + "?format=car&dag-scope=all")), cat);
                measure("serve /trace.json.gz", size, size,
                        () -> get(served.serving.address().resolve("/ipfs/" + root + "/" + TraceEntry.TRACE_FILE)), cat);
                measure("curl ?format=car&dag-scope=all", size, -1,
                        () -> curl(served.serving.address().resolve("/ipfs/" + root + "?format=car&dag-scope=all")), cat);
                measure("curl /trace.json.gz", size, size,
                        () -> curl(served.serving.address().resolve("/ipfs/" + root + "/" + TraceEntry.TRACE_FILE)), cat);
            }
        }
        System.out.printf(Locale.ROOT, "heap: peak %d MiB of %d MiB%n", peakHeap() >> 20, runtime.maxMemory() >> 20);
    }

    @FunctionalInterface
    private interface Transfer {
        long run() throws Exception;
    }

    /** Runs {@code transfer} once, prints wall, process CPU, MB/s and the speed relative to {@code reference} (MB/s). */
    private static double measure(String what, long size, long expected, Transfer transfer, double reference) throws Exception {
        long cpu = processCpu();
        long start = System.nanoTime();
        long bytes = transfer.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpu() - cpu) / 1e9;
        if (expected >= 0 ? bytes != expected : bytes < size) {
            throw new IllegalStateException(what + ": " + bytes + " bytes, expected " + (expected >= 0 ? expected : ">= " + size));
        }
        double mbs = bytes / 1e6 / seconds;
        System.out.printf(Locale.ROOT, "%-34s %,15d bytes %7.3f s  %7.0f MB/s  JVM CPU %6.2f s%s%n", what, bytes, seconds, mbs,
                cpuSeconds, reference > 0 ? String.format(Locale.ROOT, "  %.2fx cat", mbs / reference) : "");
        return mbs;
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** The bytes {@code writer} writes to a stream that drops them. */
    private static long discarded(Writer writer) throws IOException {
        long[] count = {0};
        writer.write(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        return count[0];
    }

    private static long read(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MIB);
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer.clear())) {
                total += n;
            }
        }
        return total;
    }

    private static long get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (InputStream in = connection.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        if (connection.getResponseCode() != 200) {
            throw new IOException(uri + ": HTTP " + connection.getResponseCode());
        }
        return total;
    }

    /** The bytes {@code curl} received from {@code uri} (a client outside the JVM: the JVM's CPU is the server's). */
    private static long curl(URI uri) throws Exception {
        Process process = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", uri.toString())
                .redirectErrorStream(true).start();
        String[] result = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
        if (process.waitFor() != 0 || !result[0].equals("200")) {
            throw new IOException(uri + ": curl says " + String.join(" ", result));
        }
        return Long.parseLong(result[1]);
    }

    private record Served(Composition composition, WebServing serving) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            serving.close();
            composition.close();
        }
    }

    private static Served start(Map<String, String> environment, Path dir, String what) throws Exception {
        long cpu = processCpu();
        long start = System.nanoTime();
        Composition composition = Composition.create(Map.of(), environment, dir.resolve("user"),
                message -> System.err.println("notice: " + message));
        composition.useCases().updateRegistry().update();
        WebServing serving = WebServing.start(composition.useCases(), ServeSettings.DEFAULTS, "127.0.0.1", 0, line -> { });
        ServeIndexSummary index = serving.index();
        System.out.printf(Locale.ROOT, "%-34s %d trace(s), %d block(s), %d derived  %7.3f s  JVM CPU %6.2f s %s%n", what,
                index.traces(), index.blocks(), index.derived(), (System.nanoTime() - start) / 1e9, (processCpu() - cpu) / 1e9,
                index.refused().isEmpty() && index.notes().isEmpty() ? "" : index.refused() + " " + index.notes());
        Served served = new Served(composition, serving);
        if (index.traces() != 1) {
            served.close();
            throw new IllegalStateException("the large trace was not proven: " + index.refused());
        }
        return served;
    }

    /** DIR/library/ID (the file, metadata, checksum), DIR/registry.json, and DIR/home's store holding the trace. */
    private static void make(Path dir, int mib, ImportProfile profile) throws Exception {
        long start = System.nanoTime();
        Path library = Files.createDirectories(dir.resolve("library").resolve(ID));
        Path file = library.resolve(TraceEntry.TRACE_FILE);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new BigContentBenchmark.PseudoRandomBytes((long) mib * MIB);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            in.transferTo(out);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        String metadata = "{\"model_type\": \"benchmark\", \"description\": \"" + mib + " MiB of pseudo-random bytes\"}\n";
        Files.writeString(library.resolve(TraceEntry.METADATA_FILE), metadata);
        Files.writeString(library.resolve("checksum.sha256"), sha256 + "  " + TraceEntry.TRACE_FILE + "\n", StandardCharsets.UTF_8);
        ImportResult imported = new UnixFsImporter(profile).importPath(library);
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-12-05T00:00:00Z");
        ObjectNode entry = document.putObject("traces").putObject(ID).put("cid", imported.root().toString())
                .put("description", mib + " MiB of pseudo-random bytes, to measure serving").put("checksum", "sha256:" + sha256)
                .put("license", "MIT");
        entry.putObject("metadata").put("model_type", "benchmark").put("domain", "benchmark");
        Map<String, String> cids = new LinkedHashMap<>();
        for (String name : new String[] {TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE}) {
            cids.put(name, imported.entry(name).orElseThrow().cid().toString());
        }
        entry.putObject("files").putObject(TraceEntry.TRACE_FILE).put("cid", cids.get(TraceEntry.TRACE_FILE))
                .put("size_bytes", Files.size(file));
        json.writeValue(dir.resolve("registry.json").toFile(), document);

        DiskTraceStore store = new DiskTraceStore(dir.resolve("home/store"), Duration.ofMinutes(10), Clock.systemUTC());
        Map<String, TraceStore.VerifiedStagedFile> staged = new LinkedHashMap<>();
        for (Map.Entry<String, String> named : cids.entrySet()) {
            TraceStore.StagedFile stage = store.stage();
            try (OutputStream out = stage.output()) {
                Files.copy(library.resolve(named.getKey()), out);
            }
            stage.close();
            staged.put(named.getKey(), new TraceStore.VerifiedStagedFile(stage, named.getValue()));
        }
        store.commit(TraceId.of(ID), imported.root().toString(), staged);
        System.out.printf(Locale.ROOT, "made %s (%s, %d MiB) in %.1f s%n", dir, profile, mib, (System.nanoTime() - start) / 1e9);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
