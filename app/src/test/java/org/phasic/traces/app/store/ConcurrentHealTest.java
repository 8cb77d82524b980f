package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;

/**
 * Several store instances (as several processes) reading the same damaged entry at once: each detects the damage, one or
 * more put a good copy back, and no reader may delete a good copy another one just renamed into place, or fail because
 * a damaged file vanished while it was hashing it. A stress test: the interleavings it needs happen in about one round
 * in a hundred.
 */
class ConcurrentHealTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final String ROOT = "QmRootCid000000000000000000000000000000000000000";
    private static final String FILE_CID = "QmFileCid000000000000000000000000000000000000000";
    private static final byte[] CONTENT = "trace bytes for the heal race".repeat(40).getBytes(StandardCharsets.UTF_8);
    private static final int READERS = 4;
    private static final int ROUNDS = 400;

    @TempDir
    Path folder;

    private static StoredTrace put(DiskTraceStore store) throws IOException {
        StagedFile staged = store.stage();
        staged.output().write(CONTENT);
        return store.commit(ID, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(staged, FILE_CID)));
    }

    /** What a get does: the stored copy if intact, else a fresh one; then the caller reads the file it was given. */
    private static byte[] getAndRead(DiskTraceStore store) throws IOException {
        Optional<StoredTrace> found = store.find(ID, ROOT);
        StoredTrace trace = found.isPresent() ? found.get() : put(store);
        return Files.readAllBytes(trace.file("trace.json.gz").orElseThrow().path());
    }

    @Test
    void concurrentHealersNeverRemoveAGoodCopyOrFailOnAVanishedOne() throws Exception {
        List<DiskTraceStore> stores = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            stores.add(new DiskTraceStore(folder, Duration.ofMinutes(2), Clock.systemUTC()));
        }
        Path object = put(stores.get(0)).file("trace.json.gz").orElseThrow().path();
        byte[] damaged = CONTENT.clone();
        damaged[7] ^= 0x01;
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        List<String> failures = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Files.write(object, damaged);
                CyclicBarrier start = new CyclicBarrier(READERS);
                List<Future<byte[]>> reads = new ArrayList<>();
                for (DiskTraceStore store : stores) {
                    reads.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return getAndRead(store);
                    }));
                }
                for (Future<byte[]> read : reads) {
                    try {
                        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(CONTENT);
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add("round " + round + ": " + e.getCause());
                    }
                }
                stores.forEach(DiskTraceStore::problems);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(Files.readAllBytes(object)).isEqualTo(CONTENT);
    }
}
