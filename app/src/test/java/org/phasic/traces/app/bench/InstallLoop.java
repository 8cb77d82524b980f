package org.phasic.traces.app.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.domain.io.TemporaryFolder;

/**
 * In-process install loop over the benchmark corpus, for profiling the per-trace work of {@code install} without
 * process start-up: cold installs into fresh homes, then warm installs into the first home, each timed (wall and the
 * process's CPU time). A plain main run by hand (for example under JFR), never by {@code ./mvnw verify}. Without
 * arguments it serves the corpus itself (whose CPU time then counts too); given the two settings
 * {@link CorpusServer} prints, it installs from that server in another process.
 * <pre>
 * java -cp ... org.phasic.traces.app.bench.InstallLoop [runs=5] [registry.url=... gateway.urls=...]
 * </pre>
 */
public final class InstallLoop {
    private InstallLoop() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-install-loop-")) {
            if (args.length > 2) {
                loop(work.path(), runs, List.of("--set", args[1], "--set", args[2]));
                return;
            }
            TraceCorpus corpus = new TraceCorpus(work.path().resolve("corpus"), 500);
            try (CorpusGateway gateway = new CorpusGateway(corpus.blocks())) {
                loop(work.path(), runs, List.of("--set", "registry.url=" + corpus.registryUrl(),
                        "--set", "gateway.urls=" + gateway.url()));
            }
        }
    }

    private static void loop(Path work, int runs, List<String> settings) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Path> homes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path home = work.resolve("home-" + i);
            homes.add(home);
            timed("cold", os, () -> install(home, settings));
        }
        for (int i = 0; i < runs; i++) {
            timed("warm", os, () -> install(homes.get(0), settings));
        }
        printThreadTimes();
    }

    /** CPU time by thread name (digits folded) from {@code /proc/self/task}, JIT and GC threads included (Linux only). */
    private static void printThreadTimes() throws java.io.IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return;
        }
        long ticksPerSecond = 100;
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var stream = java.nio.file.Files.list(tasks)) {
            for (Path task : stream.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (java.io.IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        ticks.forEach((name, t) -> System.out.printf(Locale.ROOT, "  %-24s %6.2f s%n", name, t / (double) ticksPerSecond));
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private static void timed(String what, com.sun.management.OperatingSystemMXBean os, Run run) throws Exception {
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        run.run();
        System.out.printf(Locale.ROOT, "%s: %.3f s wall, %.3f s CPU%n", what, (System.nanoTime() - start) / 1e9,
                (os.getProcessCpuTime() - cpu) / 1e9);
    }

    static void install(Path home, List<String> settings) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--home", home.toString()));
        args.addAll(settings);
        args.addAll(List.of("-q", "install"));
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of(), home);
        if (code != 0) {
            throw new IllegalStateException("install exited " + code + ": " + out + err);
        }
    }
}
