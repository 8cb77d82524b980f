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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.PhasicTrace;
import org.phasic.traces.app.PhasicTraces;

/** Many threads and many processes fetching the same trace into one cold store: all succeed, one copy, nothing left over. */
class ConcurrentGetTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    @Test
    void eightThreadsGettingTheSameTraceOnAColdStoreAllSucceedWithOneCopy() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        PhasicTraces client = PhasicTraces.builder().home(cli.home()).offline(true).environment(Map.of()).build();
        CyclicBarrier start = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<PhasicTrace> traces = new ArrayList<>();
        try {
            List<Future<PhasicTrace>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client.trace(ID);
                }));
            }
            for (Future<PhasicTrace> result : results) {
                traces.add(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(traces).extracting(PhasicTrace::path).containsOnly(traces.get(0).path());
        assertThat(traces).extracting(PhasicTrace::servedBy).containsOnly("bundled library", "local store")
                .contains("bundled library");
        assertThat(traces).allSatisfy(trace -> assertThat(trace.trace().nVertices()).as("5 lineage states and the starting vertex").isEqualTo(6));
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }

    @Test
    void threeProcessesGettingTheSameTraceOnAColdStoreAllSucceedWithOneCopy() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(cli.launch("get-" + i, "--offline", "get", ID));
        }
        List<Cli.Run> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            runs.add(cli.outputOf("get-" + i, process.exitValue()));
        }

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err()).contains(ID + ": 6 vertices", "verified");
        });
        assertThat(runs).extracting(Cli.Run::firstLine).containsOnly(runs.get(0).firstLine());
        assertThat(Files.isRegularFile(runs.get(0).firstLine())).isTrue();
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }
}
