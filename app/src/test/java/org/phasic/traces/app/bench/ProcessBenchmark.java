package org.phasic.traces.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.phasic.traces.domain.io.TemporaryFolder;

/**
 * Whole-process benchmark of what users run (a plain main, run by hand, never by {@code ./mvnw verify}): the CLI launcher
 * as a separate process per measurement, medians of {@code runs} runs (wall time, and with GNU time the CPU time, user +
 * system, which a loaded machine inflates far less, and the peak RSS), next to {@code java -version} measured in the same
 * run. Builds the 500-trace corpus ({@link TraceCorpus}) and serves it from a loopback trustless gateway
 * ({@link CorpusGateway}) at 0 ms and at 20 ms per response.
 * <pre>
 * ./mvnw -B -q -o -DskipTests package            # the launcher's jar and class-data-sharing archive
 * ./mvnw -B -q -o -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/target/cp.txt -Dmdep.includeScope=test
 * java -cp app/target/test-classes:app/target/classes:$(cat target/cp.txt) \
 *     org.phasic.traces.app.bench.ProcessBenchmark [launcher=./phasic-traces] [runs=5] [traces=500]
 * </pre>
 */
public final class ProcessBenchmark {
    private static final String SMALL_BUNDLED = "kingman_n5_theta1";
    private static final boolean GNU_TIME = Files.isExecutable(Path.of("/usr/bin/time"));

    private final String launcher;
    private final int runs;
    private final Path work;

    private ProcessBenchmark(String launcher, int runs, Path work) {
        this.launcher = launcher;
        this.runs = runs;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        String launcher = Path.of(args.length > 0 ? args[0] : "./phasic-traces").toAbsolutePath().toString();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int traces = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-process-bench-")) {
            new ProcessBenchmark(launcher, runs, work.path()).run(traces);
        }
    }

    private void run(int traces) throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cpus, load average %.2f, %d runs per figure (medians)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), runs);
        report("java -version", repeat(() -> time(List.of("java", "-version"))));
        report("--version", repeat(() -> cli(null, "--version")));
        report("--help", repeat(() -> cli(null, "--help")));
        Path home = work.resolve("bundled-home");
        cli(home, "--offline", "-q", "get", SMALL_BUNDLED);
        report("get " + SMALL_BUNDLED + " (stored)", repeat(() -> cli(home, "-q", "get", SMALL_BUNDLED)));

        TraceCorpus corpus = new TraceCorpus(work.resolve("corpus"), traces);
        System.out.printf(Locale.ROOT, "corpus: %d traces, smallest %s, largest %s (%d bytes gz)%n", traces, corpus.smallest(),
                corpus.largest(), corpus.traceSizes().get(corpus.largest()));
        try (CorpusGateway gateway = new CorpusGateway(corpus.blocks())) {
            for (long latency : new long[] {0, 20}) {
                gateway.latency(latency);
                List<Path> homes = new ArrayList<>();
                int before = gateway.requests();
                Sample[] cold = repeat(() -> {
                    Path fresh = work.resolve("install-" + latency + "-" + homes.size());
                    homes.add(fresh);
                    return cli(fresh, corpusArgs(corpus, gateway, "-q", "install"));
                });
                report(String.format(Locale.ROOT, "install %d, cold, %d ms/response (%d requests per run)", traces, latency,
                        (gateway.requests() - before) / runs), cold);
                Path warmHome = homes.get(0);
                report(String.format(Locale.ROOT, "install %d, warm (all stored), %d ms/response", traces, latency),
                        repeat(() -> cli(warmHome, corpusArgs(corpus, gateway, "-q", "install"))));
            }
            gateway.latency(0);
            for (String id : List.of(corpus.smallest(), corpus.largest())) {
                List<Path> homes = new ArrayList<>();
                report("get " + id + ", cold (gateway)", repeat(() -> {
                    Path fresh = work.resolve("get-" + id + "-" + homes.size());
                    homes.add(fresh);
                    return cli(fresh, corpusArgs(corpus, gateway, "-q", "get", id));
                }));
                report("get " + id + ", stored", repeat(() -> cli(homes.get(0), corpusArgs(corpus, gateway, "-q", "get", id))));
            }
        }
    }

    private static String[] corpusArgs(TraceCorpus corpus, CorpusGateway gateway, String... command) {
        List<String> args = new ArrayList<>(List.of("--set", "registry.url=" + corpus.registryUrl(),
                "--set", "gateway.urls=" + gateway.url()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    /** One run: elapsed nanoseconds, peak RSS in KiB and CPU seconds, user + system (0 where GNU time is missing). */
    private record Sample(long nanos, long rssKib, double cpuSeconds) {
    }

    @FunctionalInterface
    private interface Measured {
        Sample run() throws Exception;
    }

    private Sample[] repeat(Measured measured) throws Exception {
        Sample[] samples = new Sample[runs];
        for (int i = 0; i < runs; i++) {
            samples[i] = measured.run();
        }
        return samples;
    }

    private Sample cli(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher));
        if (home != null) {
            command.addAll(List.of("--home", home.toString()));
        }
        command.addAll(Arrays.asList(args));
        return time(command);
    }

    private Sample time(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        Path rss = work.resolve("rss.txt");
        if (GNU_TIME) {
            full.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        long nanos = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8));
        }
        if (!GNU_TIME) {
            return new Sample(nanos, 0, 0);
        }
        String[] measured = Files.readString(rss).strip().split("\\s+");
        return new Sample(nanos, Long.parseLong(measured[0]), Double.parseDouble(measured[1]) + Double.parseDouble(measured[2]));
    }

    private static void report(String what, Sample[] samples) {
        double[] seconds = Arrays.stream(samples).mapToDouble(s -> s.nanos() / 1e9).sorted().toArray();
        long[] rss = Arrays.stream(samples).mapToLong(Sample::rssKib).sorted().toArray();
        double[] cpu = Arrays.stream(samples).mapToDouble(Sample::cpuSeconds).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-72s median %6.3f s  (min %.3f, max %.3f)  CPU %.2f s  RSS %d MB%n", what,
                seconds[seconds.length / 2], seconds[0], seconds[seconds.length - 1], cpu[cpu.length / 2],
                rss[rss.length / 2] / 1024);
    }
}
