package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;


/**
 * The large-trace benchmark (a plain main, run by hand; results in docs/benchmarks.md): a Kingman coalescent
 * trace with 14,867 vertices (0.48 MB gzipped as the codec writes it, 4.7 MB of JSON), read by the codec.
 * <pre>
 * java -cp CP org.phasic.traces.app.bench.LargeTraceBenchmark make DIR   # trace, registry, store in DIR/home
 * java -cp CP org.phasic.traces.app.bench.LargeTraceBenchmark load FILE [warmRuns]
 * phasic-traces --home DIR/home --offline --set registry.url=file://DIR/registry.json -q get kingman_n14866_theta1
 * </pre>
 * {@code load} prints the first read in this JVM (class loading and interpretation included; wall time and the
 * reading thread's CPU time, which a loaded machine does not inflate) and the median of warm reads; run it in
 * fresh JVMs for whole-process figures.
 */
public final class LargeTraceBenchmark {
    static final int SAMPLES = 14_866;
    static final String ID = "kingman_n" + SAMPLES + "_theta1";

    private LargeTraceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("make")) {
            make(Path.of(args[1]));
        } else if (args.length >= 2 && args[0].equals("load")) {
            load(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20);
        } else {
            System.err.println("usage: make DIR | load FILE [warmRuns]");
            System.exit(2);
        }
    }

    private static void load(Path file, int warmRuns) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        EliminationTrace trace = read(file);
        long first = System.nanoTime() - start;
        long firstCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long[] warm = new long[warmRuns];
        long[] warmCpu = new long[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            read(file);
            warm[i] = System.nanoTime() - t;
            warmCpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        System.out.printf(Locale.ROOT, "%s: first load %.1f ms (thread CPU %.1f ms), warm median %.1f ms (thread CPU"
                + " %.1f ms; %d runs)%n", trace, first / 1e6, firstCpu / 1e6, median(warm) / 1e6, median(warmCpu) / 1e6,
                warmRuns);
    }

    private static double median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static EliminationTrace read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new JacksonTraceCodec().read(in);
        }
    }

    /** Writes DIR/library/ID, DIR/registry.json, and installs the trace into DIR/home from a loopback gateway. */
    private static void make(Path dir) throws Exception {
        Path library = Files.createDirectories(dir.resolve("library").resolve(ID));
        byte[] trace = new JacksonTraceCodec().toGzip(KingmanCoalescent.trace(SAMPLES));
        Files.write(library.resolve(TraceEntry.TRACE_FILE), trace);
        Files.writeString(library.resolve(TraceEntry.METADATA_FILE),
                "{\"model_type\": \"kingman-coalescent\", \"samples\": " + SAMPLES + "}");
        MemoryBlockStore blocks = new MemoryBlockStore();
        ImportResult imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(library);
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-12-05");
        ObjectNode entry = document.putObject("traces").putObject(ID).put("cid", imported.root().toString())
                .put("description", "Kingman coalescent, " + SAMPLES + " samples")
                .put("checksum", "sha256:" + Sha256.hex(trace)).put("license", "MIT");
        entry.putObject("metadata").put("model_type", "kingman-coalescent").put("domain", "benchmark");
        Path registry = dir.resolve("registry.json");
        json.writeValue(registry.toFile(), document);
        ByteArrayOutputStream car = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(car, imported.root())) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d vertices, %d bytes gzipped, root %s, %d blocks%n", ID, SAMPLES + 1,
                trace.length, imported.root(), blocks.count());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ipfs/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.ipld.car; version=1; order=dfs; dups=y");
            exchange.sendResponseHeaders(200, car.size());
            try (OutputStream out = exchange.getResponseBody()) {
                car.writeTo(out);
            }
        });
        server.start();
        try {
            Path home = dir.resolve("home");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"--home", home.toString(), "--set", "registry.url=" + registry.toUri(),
                "--set", "gateway.urls=http://127.0.0.1:" + server.getAddress().getPort(), "install", ID},
                    new PrintWriter(out), new PrintWriter(err), Map.of(), home);
            System.out.println("install: exit " + code + "\n" + out + err);
        } finally {
            server.stop(0);
        }
    }
}
