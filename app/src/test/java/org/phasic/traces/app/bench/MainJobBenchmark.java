package org.phasic.traces.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.Notices;

/**
 * Benchmark of the main job (a plain main, run by hand, not a test; results in docs/benchmarks.md):
 * <ol>
 *   <li>warm {@code get} in-process: the facade's {@code trace(id)} (store hit: size + SHA-256 check of both files,
 *       then parsing {@code trace.json.gz}) and the fetch chain's store hit alone ({@code FetchService.get});</li>
 *   <li>cold {@code get} from the bundled library into an empty store (fresh home per run, client already built);</li>
 *   <li>{@code install} of a synthetic 500-trace registry from a trustless gateway on loopback, {@code --jobs 1} vs
 *       {@code --jobs 8}, through the CLI in this JVM (fresh home per run).</li>
 * </ol>
 * <pre>
 * ./mvnw -B -q -o -pl app -am test-compile -Denforcer.skip
 * ./mvnw -B -q -o -pl app dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp app/target/test-classes:app/target/classes:$(cat app/target/cp.txt) \
 *     org.phasic.traces.app.bench.MainJobBenchmark [warmRuns] [coldRuns] [installTraces] [installRepeats]
 * </pre>
 */
public final class MainJobBenchmark {
    private static final String ID = "kingman_n5_theta1";

    private MainJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int coldRuns = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int installTraces = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int installRepeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path work = Files.createTempDirectory("phasic-traces-bench-");
        try {
            System.out.printf(Locale.ROOT, "java %s, %d cpus, load average %.2f%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            warmGet(work.resolve("warm"), warmRuns);
            coldGet(work.resolve("cold"), coldRuns);
            install(work.resolve("install"), installTraces, installRepeats);
        } finally {
            delete(work);
        }
    }

    private static PhasicTraces offlineClient(Path home) {
        return PhasicTraces.builder().home(home).offline(true).environment(Map.of()).build();
    }

    private static void warmGet(Path home, int runs) throws IOException {
        PhasicTraces client = offlineClient(home);
        client.trace(ID);
        long[] facade = new long[runs];
        for (int i = -runs / 4; i < runs; i++) {
            long start = System.nanoTime();
            client.trace(ID);
            if (i >= 0) {
                facade[i] = System.nanoTime() - start;
            }
        }
        report("warm get, facade trace(id) (check + parse)", facade);

        Map<String, FlagValue> flags = new LinkedHashMap<>();
        flags.put("home", new FlagValue(home.toString(), "bench"));
        flags.put("offline", new FlagValue("true", "bench"));
        FetchService fetch = Composition.create(flags, Map.of(), home, Notices.silent()).injector().getInstance(FetchService.class);
        TraceId id = TraceId.of(ID);
        long[] storeHit = new long[runs];
        for (int i = -runs / 4; i < runs; i++) {
            long start = System.nanoTime();
            if (!fetch.get(id, false).fromStore()) {
                throw new IllegalStateException("expected a store hit");
            }
            if (i >= 0) {
                storeHit[i] = System.nanoTime() - start;
            }
        }
        report("warm get, FetchService.get (store hit only)", storeHit);
    }

    private static void coldGet(Path folder, int runs) {
        long[] cold = new long[runs];
        for (int i = -5; i < runs; i++) {
            PhasicTraces client = offlineClient(folder.resolve("home-" + (i + 5)));
            client.list(RegistryQuery.all());
            long start = System.nanoTime();
            if (!client.trace(ID).servedBy().equals("bundled library")) {
                throw new IllegalStateException("expected a fetch from the bundled library");
            }
            if (i >= 0) {
                cold[i] = System.nanoTime() - start;
            }
        }
        report("cold get from the bundled library (verify + fsync + rename)", cold);
    }

    private static void install(Path folder, int traces, int repeats) throws IOException {
        int[] jobsSettings = {1, 8};
        long[][] runs = new long[jobsSettings.length][repeats];
        try (LoopbackGateway gateway = new LoopbackGateway(folder, traces)) {
            for (int r = 0; r < repeats; r++) {
                for (int j = 0; j < jobsSettings.length; j++) {
                    Path home = folder.resolve("home-" + jobsSettings[j] + "-" + r);
                    int before = gateway.requests();
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    long start = System.nanoTime();
                    int code = Main.run(new String[] {"--home", home.toString(), "--quiet",
                            "--set", "registry.url=" + gateway.registryUrl(), "--set", "gateway.urls=" + gateway.gatewayUrl(),
                            "install", "--jobs", Integer.toString(jobsSettings[j])}, new PrintWriter(out), new PrintWriter(err),
                            Map.of(), home);
                    runs[j][r] = System.nanoTime() - start;
                    if (code != 0 || !out.toString().contains(" fetched, 0 already stored, 0 failed")) {
                        throw new IllegalStateException("install failed (" + code + "): " + out + err);
                    }
                    if (r == 0 && j == 0) {
                        System.out.printf(Locale.ROOT, "  %s  (%d gateway requests; the bundled traces come from the bundle)%n",
                                out.toString().strip(), gateway.requests() - before);
                    }
                }
            }
        }
        for (int j = 0; j < jobsSettings.length; j++) {
            long[] sorted = runs[j].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2] / 1e9;
            System.out.printf(Locale.ROOT, "install %d traces, --jobs %d: median %.2f s (runs %s), %.0f traces/s%n", traces,
                    jobsSettings[j], median, Arrays.toString(Arrays.stream(runs[j])
                            .mapToObj(n -> String.format(Locale.ROOT, "%.2f", n / 1e9)).toArray()), traces / median);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-62s n=%d p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
