package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * The big-content benchmark (a plain main, run by hand; results in docs/benchmarks.md).
 * <pre>
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark make /tmp/big.car [MiB] [profile]  # CAR of random bytes
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark sha256 FILE   # the reference: MessageDigest over the file
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark compare BIG.car SMALL.car [launcher] [runs]
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark gateway DIR [MiB] [launcher] [runs]
 * </pre>
 * {@code make} imports {@code MiB} (default 1024) deterministic pseudo-random MiB as one file (profile default
 * {@code ipfs-car}: CIDv1, 1 MiB raw leaves) and writes the CAR, the file's blocks first and the root last.
 * {@code compare} runs, as separate processes, in interleaved rounds ({@code runs}, default 5): {@code sha256sum},
 * the {@code sha256} reference in a fresh JVM, and the launcher's ({@code ./phasic-traces} by default) {@code car
 * verify} (also with {@code -Xmx64m}), {@code car unpack} and {@code car verify} of the small CAR (the CLI's start-up);
 * it prints the medians of wall time, CPU (user + system) and peak RSS, each as a throughput ratio to the reference.
 * {@code gateway} makes, under {@code DIR}, a trace directory whose {@code trace.json.gz} is {@code MiB} (default 1024)
 * pseudo-random MiB, its CAR (ipfs-car's layout: CIDv1, 1 MiB raw leaves, the root last), the same blocks in
 * traversal order (parents first, as Kubo/boxo gateways send {@code dag-scope=all}) and a registry listing it, serves
 * each CAR from a trustless gateway on loopback ({@link CarFileGateway}, in this process; the traversal-order one
 * declared {@code order=dfs}), and runs, as separate processes in interleaved rounds: the {@code sha256} reference and
 * {@code sha256sum} over the trace file, and the launcher's {@code install} of the trace into a fresh home (the gateway
 * fetch: one CAR request, every block verified, the file staged, checked against the registry's SHA-256 and
 * committed) from the {@code order=dfs} gateway (streamed into the store as it arrives): with tiered compilation (as
 * the launcher runs {@code car}), also with {@code -Xmx64m}, and as the launcher runs {@code install} (C1 only); and
 * from the root-last gateway (spilled to a temporary CAR first) with tiered compilation.
 * It needs GNU time ({@code /usr/bin/time}).
 */
public final class BigContentBenchmark {
    private static final int MIB = 1 << 20;

    private BigContentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("make")) {
            int mib = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
            make(Path.of(args[1]), mib, ImportProfile.preset(args.length > 3 ? args[3] : "ipfs-car"));
        } else if (args.length >= 2 && args[0].equals("sha256")) {
            long start = System.nanoTime();
            String hex = sha256(Path.of(args[1]));
            System.out.printf(Locale.ROOT, "sha256 %s  %s: %.3f s in-process%n", hex, args[1], (System.nanoTime() - start) / 1e9);
        } else if (args.length >= 2 && args[0].equals("gateway")) {
            gateway(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1024,
                    Path.of(args.length > 3 ? args[3] : "./phasic-traces"), args.length > 4 ? Integer.parseInt(args[4]) : 5);
        } else if (args.length >= 3 && args[0].equals("compare")) {
            compare(Path.of(args[1]), Path.of(args[2]), Path.of(args.length > 3 ? args[3] : "./phasic-traces"),
                    args.length > 4 ? Integer.parseInt(args[4]) : 5);
        } else {
            System.err.println("usage: make FILE.car [MiB] [profile] | sha256 FILE | compare BIG.car SMALL.car [launcher] [runs]"
                    + " | gateway DIR [MiB] [launcher] [runs]");
            System.exit(2);
        }
    }

    private static void make(Path car, int mib, ImportProfile profile) throws IOException {
        Cid root;
        try (InputStream in = new PseudoRandomBytes((long) mib * MIB)) {
            root = new UnixFsImporter(profile, BlockSink.DISCARD).importFile(in).cid();
        }
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, root);
                InputStream in = new PseudoRandomBytes((long) mib * MIB)) {
            new UnixFsImporter(profile, writer).importFile(in);
            System.out.printf(Locale.ROOT, "%s: root %s, %d blocks, %d bytes%n", car, root, writer.blockCount(),
                    writer.bytesWritten());
        }
    }

    /** Plain {@link MessageDigest} over the file in 1 MiB reads. */
    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.array(), 0, buffer.position());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** One process to time: its label, its command line and what its environment adds. */
    private record Measured(String label, List<String> command, Map<String, String> environment) {
    }

    private static void compare(Path big, Path small, Path launcher, int runs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cli = launcher.toAbsolutePath().toString();
        try (TemporaryFolder work = new TemporaryFolder("big-content-bench-")) {
            compare(big, small, cli, java, work.path(), runs);
        }
    }

    private static void compare(Path big, Path small, String cli, String java, Path work, int runs) throws Exception {
        Path unpacked = work.resolve("out");
        List<Measured> measured = List.of(
                new Measured("plain SHA-256 (MessageDigest, fresh JVM)", List.of(java, "-cp",
                        System.getProperty("java.class.path"), BigContentBenchmark.class.getName(), "sha256",
                        big.toString()), Map.of()),
                new Measured("sha256sum", List.of("sha256sum", big.toString()), Map.of()),
                new Measured("car verify", List.of(cli, "car", "verify", big.toString()), Map.of()),
                new Measured("car verify, -Xmx64m", List.of(cli, "car", "verify", big.toString()),
                        Map.of("PHASIC_TRACES_JAVA_OPTS", "-Xmx64m")),
                new Measured("car unpack", List.of(cli, "car", "unpack", big.toString(), unpacked.toString()), Map.of()),
                new Measured("car verify of " + small.getFileName() + " (start-up)", List.of(cli, "car", "verify",
                        small.toString()), Map.of()));
        System.out.printf(Locale.ROOT, "java %s, %d cpus, load average %s; %s: %d bytes; %d interleaved rounds (medians)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(), big,
                Files.size(big), runs);
        measure(measured, runs, work, unpacked);
    }

    /**
     * Times each of {@code measured} {@code runs} times in interleaved rounds, deleting {@code cleared} before each run,
     * and prints the medians with their ratios to the first (the reference).
     */
    private static void measure(List<Measured> measured, int runs, Path work, Path cleared) throws Exception {
        long[][][] samples = new long[measured.size()][runs][];
        for (int round = 0; round < runs; round++) {
            for (int m = 0; m < measured.size(); m++) {
                TemporaryFolder.deleteTree(cleared);
                samples[m][round] = time(measured.get(m), work.resolve("time.txt"));
            }
        }
        TemporaryFolder.deleteTree(cleared);
        long[] reference = medians(samples[0]);
        for (int m = 0; m < measured.size(); m++) {
            long[] median = medians(samples[m]);
            System.out.printf(Locale.ROOT, "%-48s wall %6.2f s (%.2fx)  cpu %6.2f s (%.2fx)  RSS %4d MB%n",
                    measured.get(m).label(), median[0] / 1e9, (double) reference[0] / median[0], median[1] / 100.0,
                    (double) reference[1] / median[1], median[2] / 1024);
        }
        System.out.println("load average at the end " + loadAverage());
    }

    private static final String BIG_TRACE = "synthetic_big";
    /** Undoes the launcher's {@code -XX:TieredStopAtLevel=1} for {@code install} (C2 has the SHA-256 intrinsics). */
    private static final String TIERED = "-XX:TieredStopAtLevel=4";

    private static void gateway(Path dir, int mib, Path launcher, int runs) throws Exception {
        Path car = dir.resolve("trace.car");
        Path traversal = dir.resolve("trace-dfs.car");
        Path trace = dir.resolve("library").resolve(BIG_TRACE).resolve(TraceEntry.TRACE_FILE);
        Cid root = makeTraceDirectory(dir, trace.getParent(), car, mib);
        CarFileGateway.writeInTraversalOrder(car, root, traversal);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path home = dir.resolve("home");
        try (CarFileGateway rootLast = new CarFileGateway(car, root, false);
                CarFileGateway inOrder = new CarFileGateway(traversal, root, true)) {
            List<String> install = install(launcher, dir, home, inOrder);
            List<Measured> measured = List.of(
                    new Measured("plain SHA-256 (MessageDigest, fresh JVM)", List.of(java, "-cp",
                            System.getProperty("java.class.path"), BigContentBenchmark.class.getName(), "sha256",
                            trace.toString()), Map.of()),
                    new Measured("sha256sum", List.of("sha256sum", trace.toString()), Map.of()),
                    new Measured("gateway fetch (install), order=dfs, tiered JIT", install,
                            Map.of("PHASIC_TRACES_JAVA_OPTS", TIERED)),
                    new Measured("gateway fetch (install), order=dfs, tiered, -Xmx64m", install,
                            Map.of("PHASIC_TRACES_JAVA_OPTS", TIERED + " -Xmx64m")),
                    new Measured("gateway fetch (install), order=dfs, as launched (relaunched)", install, Map.of()),
                    new Measured("gateway fetch (install), order=dfs, C1 alone (no relaunch)", install,
                            Map.of("PHASIC_TRACES_RELAUNCH_BYTES", "0")),
                    new Measured("gateway fetch (install), root last, tiered JIT", install(launcher, dir, home, rootLast),
                            Map.of("PHASIC_TRACES_JAVA_OPTS", TIERED)));
            System.out.printf(Locale.ROOT, "java %s, %d cpus, load average %s; %s: %d bytes, served as %s (%d bytes, the root"
                    + " last) from %s and as %s (%d bytes, order=dfs) from %s; %d interleaved rounds (medians)%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(), trace,
                    Files.size(trace), car, Files.size(car), rootLast.url(), traversal, Files.size(traversal),
                    inOrder.url(), runs);
            measure(measured, runs, dir, home);
            for (CarFileGateway gateway : List.of(inOrder, rootLast)) {
                List<String> requests = gateway.requests();
                System.out.println(gateway.url() + ": " + requests.size() + " gateway requests, the first: " + requests.get(0));
            }
        }
    }

    /** The launcher's {@code install} of the big trace into {@code home} from {@code gateway}. */
    private static List<String> install(Path launcher, Path dir, Path home, CarFileGateway gateway) {
        return List.of(launcher.toAbsolutePath().toString(), "--home", home.toString(),
                "--set", "registry.url=" + dir.resolve("registry.json").toUri(), "--set", "gateway.urls=" + gateway.url(),
                "--set", "gateway.maxBytes=" + Integer.MAX_VALUE, "-q", "install", BIG_TRACE);
    }

    /** The trace directory ({@code mib} MiB {@code trace.json.gz}, a metadata file), its CAR and the registry. */
    private static Cid makeTraceDirectory(Path dir, Path traceDir, Path car, int mib) throws Exception {
        Files.createDirectories(traceDir);
        try (InputStream in = new PseudoRandomBytes((long) mib * MIB)) {
            Files.copy(in, traceDir.resolve(TraceEntry.TRACE_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(traceDir.resolve(TraceEntry.METADATA_FILE), "{\"model_type\": \"synthetic\"}");
        ImportResult imported = new UnixFsImporter(ImportProfile.IPFS_CAR, BlockSink.DISCARD).importPath(traceDir);
        Cid root = imported.root();
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, root)) {
            new UnixFsImporter(ImportProfile.IPFS_CAR, writer).importPath(traceDir);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-12-05");
        ObjectNode entry = document.putObject("traces").putObject(BIG_TRACE).put("cid", root.toString())
                .put("description", mib + " MiB of pseudo-random bytes")
                .put("checksum", "sha256:" + sha256(traceDir.resolve(TraceEntry.TRACE_FILE))).put("license", "MIT");
        entry.putObject("metadata").put("model_type", "synthetic").put("domain", "benchmark");
        ObjectNode files = entry.putObject("files");
        for (String name : List.of(TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE)) {
            files.putObject(name).put("cid", imported.entry(name).orElseThrow().cid().toString())
                    .put("size_bytes", Files.size(traceDir.resolve(name)));
        }
        json.writeValue(dir.resolve("registry.json").toFile(), document);
        return root;
    }

    /** Wall nanoseconds, user + system CPU centiseconds and peak RSS in KiB of one run. */
    private static long[] time(Measured measured, Path report) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", report.toString()));
        command.addAll(measured.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(measured.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(measured.command() + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        long nanos = System.nanoTime() - start;
        String[] fields = Files.readString(report).strip().split("\\s+");
        int last = fields.length - 1;
        double cpuSeconds = Double.parseDouble(fields[last - 2]) + Double.parseDouble(fields[last - 1]);
        return new long[] {nanos, Math.round(cpuSeconds * 100), Long.parseLong(fields[last])};
    }

    /** The per-column medians of {@code runs}. */
    private static long[] medians(long[][] runs) {
        long[] medians = new long[runs[0].length];
        for (int column = 0; column < medians.length; column++) {
            int c = column;
            long[] values = Arrays.stream(runs).mapToLong(run -> run[c]).sorted().toArray();
            medians[column] = values[values.length / 2];
        }
        return medians;
    }

    private static String loadAverage() throws IOException {
        Path proc = Path.of("/proc/loadavg");
        return Files.isReadable(proc) ? String.join(" ", Arrays.copyOf(Files.readString(proc).split(" "), 3)) : "unknown";
    }

    /** {@code length} reproducible pseudo-random bytes. */
    static final class PseudoRandomBytes extends InputStream {
        private final SplittableRandom random = new SplittableRandom(20261205L);
        private long remaining;

        PseudoRandomBytes(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && i + k < n; k++) {
                    b[off + i + k] = (byte) (v >>> (8 * k));
                }
            }
            remaining -= n;
            return n;
        }
    }
}
