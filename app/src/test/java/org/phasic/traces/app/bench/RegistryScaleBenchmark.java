package org.phasic.traces.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.domain.io.TemporaryFolder;

/**
 * Whole-process benchmark of commands against a small and a large registry (a plain main, run by hand, never by
 * {@code ./mvnw verify}): the bundled six entries versus the same plus {@code entries} synthetic ones shaped like the
 * live registry's, each served from a {@code file:} URL and cached under its own home. Every figure is the median of
 * {@code runs} separate launcher processes, with peak RSS from GNU time. {@code registry update} is measured into a
 * fresh home each run (so that it downloads, validates and indexes the whole document), followed by the first
 * {@code list} and the first {@code install} of one trace in that home. Set {@code PHASIC_TRACES_NO_CDS=1} to compare
 * builds whose class-data-sharing archives do not match their location; a fourth argument {@code update} measures only
 * the update, that first list and that install.
 * <pre>
 * ./mvnw -B -q -o -DskipTests -Denforcer.skip package
 * ./mvnw -B -q -o -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/target/cp.txt -Dmdep.includeScope=test -Denforcer.skip
 * java -cp app/target/test-classes:app/target/classes:$(cat target/cp.txt) \
 *     org.phasic.traces.app.bench.RegistryScaleBenchmark [launcher=./phasic-traces] [runs=5] [entries=20000] [update]
 * </pre>
 */
public final class RegistryScaleBenchmark {
    private static final String STORED = "kingman_n5_theta1";

    private RegistryScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String launcher = Path.of(args.length > 0 ? args[0] : "./phasic-traces").toAbsolutePath().toString();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        boolean updateOnly = args.length > 3 && args[3].equals("update");
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-registry-bench-")) {
            Path small = write(work.path().resolve("small.json"), 0);
            Path large = write(work.path().resolve("large.json"), entries);
            System.out.printf(Locale.ROOT, "java %s, %d runs per figure (medians); registries: %d bytes (6 entries), %d bytes (%d entries)%n",
                    System.getProperty("java.version"), runs, Files.size(small), Files.size(large), entries + 6);
            String probe = "synthetic_" + (entries / 2);
            for (Path registry : List.of(small, large)) {
                String label = registry.equals(small) ? "6 entries" : (entries + 6) + " entries";
                List<String> base = base(launcher, work.path().resolve("home-" + registry.getFileName()), registry);
                IntFunction<List<String>> fresh = run -> base(launcher, work.path().resolve("fresh-" + run + "-" + registry.getFileName()), registry);
                report(label, "registry update (fresh home)", runs, run -> command(fresh.apply(run), "registry", "update"));
                report(label, "first list after that update", runs, run -> command(fresh.apply(run), "list"));
                report(label, "then install " + STORED + " (bundled, offline)", runs,
                        run -> command(fresh.apply(run), "--offline", "install", STORED));
                if (updateOnly) {
                    continue;
                }
                run(command(base, "registry", "update"));
                run(command(base, "-q", "get", STORED));
                report(label, "first command after an update (index already built)", base, 1, "-q", "show", STORED);
                report(label, "get " + STORED + " (stored)", base, runs, "-q", "get", STORED);
                report(label, "show " + STORED, base, runs, "show", STORED);
                if (registry.equals(large)) {
                    report(label, "show " + probe, base, runs, "show", probe);
                }
                report(label, "list", base, runs, "list");
                report(label, "list --domain population-genetics", base, runs, "list", "--domain", "population-genetics");
            }
        }
    }

    private static List<String> base(String launcher, Path home, Path registry) {
        return List.of(launcher, "--home", home.toString(), "--set", "registry.url=" + registry.toUri());
    }

    private static List<String> command(List<String> base, String... command) {
        List<String> full = new ArrayList<>(base);
        full.addAll(List.of(command));
        return full;
    }

    /** The bundled registry plus {@code extra} copies of one of its entries under new ids, descriptions and tags. */
    private static Path write(Path file, int extra) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode registry;
        try (InputStream in = RegistryScaleBenchmark.class.getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            registry = (ObjectNode) json.readTree(in);
        }
        ObjectNode traces = (ObjectNode) registry.get("traces");
        ObjectNode template = (ObjectNode) traces.get("kingman_n10_theta1");
        for (int i = 0; i < extra; i++) {
            ObjectNode entry = template.deepCopy();
            entry.put("description", "Synthetic trace " + i + " of a registry that grew: a coalescent-like model with "
                    + (3 + i % 300) + " samples, for measuring how commands scale with the number of entries");
            ((ObjectNode) entry.get("metadata")).putArray("tags").add("synthetic").add("group-" + i % 97);
            traces.set("synthetic_" + i, entry);
        }
        Files.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(registry));
        return file;
    }

    private static void report(String label, String what, List<String> base, int runs, String... command) throws Exception {
        report(label, what, runs, run -> command(base, command));
    }

    /** Medians of {@code runs} processes, the {@code i}th running {@code commands.apply(i)}. */
    private static void report(String label, String what, int runs, IntFunction<List<String>> commands) throws Exception {
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        long[] rssKib = new long[runs];
        for (int i = 0; i < runs; i++) {
            long[] sample = run(commands.apply(i));
            seconds[i] = sample[0] / 1e9;
            rssKib[i] = sample[1];
            cpu[i] = sample[2] / 100.0;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        Arrays.sort(rssKib);
        System.out.printf(Locale.ROOT, "%-14s %-52s wall %6.3f s (min %.3f, max %.3f)  cpu %6.2f s  RSS %d MB%n", label, what,
                seconds[runs / 2], seconds[0], seconds[runs - 1], cpu[runs / 2], rssKib[runs / 2] / 1024);
    }

    /** Elapsed nanoseconds, peak RSS in KiB and user + system CPU time in centiseconds of {@code command} as its own process. */
    private static long[] run(List<String> command) throws Exception {
        Path rss = Files.createTempFile("rss", ".txt");
        try {
            List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
            full.addAll(command);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(full + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            long nanos = System.nanoTime() - start;
            String[] measured = Files.readString(rss).strip().split(" ");
            long centis = Math.round((Double.parseDouble(measured[1]) + Double.parseDouble(measured[2])) * 100);
            return new long[] {nanos, Long.parseLong(measured[0]), centis};
        } finally {
            Files.deleteIfExists(rss);
        }
    }
}
