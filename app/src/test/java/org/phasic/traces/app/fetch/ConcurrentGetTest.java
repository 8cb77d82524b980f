package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.facade.PhasicTrace;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.app.testing.CliRun;

/** Many threads and many processes fetching the same trace into one cold store: all succeed, one copy, nothing left over. */
class ConcurrentGetTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    @Test
    void eightThreadsGettingTheSameTraceOnAColdStoreAllSucceedWithOneCopy() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        PhasicTraces client = PhasicTraces.builder().home(cli.home()).offline(true).environment(Map.of()).build();
        List<PhasicTrace> traces = concurrently(8, () -> client.trace(ID));

        assertThat(traces).extracting(PhasicTrace::path).containsOnly(traces.get(0).path());
        assertThat(traces).extracting(PhasicTrace::servedBy).containsOnly("bundled library", "local store")
                .contains("bundled library");
        assertThat(traces).allSatisfy(trace -> assertThat(trace.trace().nVertices()).as("5 lineage states and the starting vertex").isEqualTo(6));
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }

    /**
     * Four clients (each its own store instance, as separate processes) reading the same damaged entry at once, many
     * times: each detects the damage, some put a good copy back, and no get may fail because another healer removed
     * the file it was about to read. Without the fixes this failed in about one round in fifty.
     */
    @Test
    void clientsHealingTheSameDamagedTraceAtOnceAllSucceed() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path stored = cli.run("--offline", "get", ID).firstLine();
        byte[] good = Files.readAllBytes(stored);
        List<PhasicTraces> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(PhasicTraces.builder().home(cli.home()).offline(true).environment(Map.of()).build());
        }
        for (int round = 0; round < 100; round++) {
            byte[] bad = good.clone();
            bad[round % bad.length] ^= 0x20;
            stored.toFile().setWritable(true);
            Files.write(stored, bad);
            AtomicInteger turn = new AtomicInteger();
            List<byte[]> read = concurrently(clients.size(),
                    () -> Files.readAllBytes(clients.get(turn.getAndIncrement()).trace(ID).path()));

            assertThat(read).allSatisfy(bytes -> assertThat(bytes).isEqualTo(good));
        }
        assertThat(Files.readAllBytes(stored)).isEqualTo(good);
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }

    private static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threeProcessesGettingTheSameTraceOnAColdStoreAllSucceedWithOneCopy() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(cli.launch("get-" + i, "--offline", "get", ID));
        }
        List<CliRun> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            runs.add(cli.outputOf("get-" + i, process.exitValue()));
        }

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err()).contains(ID + ": 6 vertices", "verified");
        });
        assertThat(runs).extracting(CliRun::firstLine).containsOnly(runs.get(0).firstLine());
        assertThat(Files.isRegularFile(runs.get(0).firstLine())).isTrue();
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }
}
