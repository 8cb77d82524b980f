package org.phasic.traces.app.bench;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.phasic.traces.app.web.ServedStore;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * Throughput of {@code serve} (a plain main, run by hand, never by {@code ./mvnw verify}): {@code clients} loopback
 * clients, each on its own keep-alive connection, ask in turn for every bundled trace directory as a CAR
 * ({@code ?format=car&dag-scope=all}) for {@code seconds} after a warm-up; prints responses per second, latency
 * percentiles and the heap in use. Server and clients share the JVM, so run it with the heap the server gets:
 * <pre>
 * ./mvnw -B -q -o -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/target/cp.txt -Dmdep.includeScope=test -Denforcer.skip
 * java -Xmx128m -cp app/target/test-classes:app/target/classes:$(cat target/cp.txt) \
 *     org.phasic.traces.app.bench.ServeBenchmark [clients=32] [seconds=20] [warmup=5]
 * </pre>
 */
public final class ServeBenchmark {
    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.setProperty("http.maxConnections", String.valueOf(clients));
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-serve-bench-");
             ServedStore served = ServedStore.start(work.path().resolve("home"), work.path().resolve("user"))) {
            List<URL> urls = new ArrayList<>();
            for (TraceEntry entry : ServedStore.bundledRegistry().traces().values()) {
                urls.add(served.uri("/ipfs/" + entry.cid() + "?format=car&dag-scope=all").toURL());
            }
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            long[][] latencies = new long[clients][];
            AtomicLong bytes = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            CountDownLatch done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    long[] measured = new long[1 << 16];
                    int count = 0;
                    byte[] buffer = new byte[16 * 1024];
                    try {
                        for (int i = client; System.nanoTime() < end; i++) {
                            long start = System.nanoTime();
                            HttpURLConnection connection = (HttpURLConnection) urls.get(i % urls.size()).openConnection();
                            long read = 0;
                            try (InputStream in = connection.getInputStream()) {
                                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                                    read += n;
                                }
                            }
                            if (connection.getResponseCode() != 200) {
                                failures.incrementAndGet();
                            }
                            long now = System.nanoTime();
                            if (start >= warmupEnd && now <= end) {
                                if (count == measured.length) {
                                    measured = Arrays.copyOf(measured, count * 2);
                                }
                                measured[count++] = now - start;
                                bytes.addAndGet(read);
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        e.printStackTrace();
                    } finally {
                        latencies[client] = Arrays.copyOf(measured, count);
                        done.countDown();
                    }
                }, "client-" + c);
                thread.start();
            }
            done.await();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB; %d clients, %d s measured after %d s warm-up, %d traces%n",
                    System.getProperty("java.version"), runtime.availableProcessors(), runtime.maxMemory() >> 20, clients, seconds,
                    warmup, urls.size());
            System.out.printf(Locale.ROOT, "responses: %d (%.0f/s), %.1f MB/s, failures: %d%n", all.length, all.length / (double) seconds,
                    bytes.get() / 1e6 / seconds, failures.get());
            System.out.printf(Locale.ROOT, "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n", percentile(all, 0.50),
                    percentile(all, 0.90), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "heap in use after the run: %d MiB; access log lines: %d%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, served.accessLog().size());
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
