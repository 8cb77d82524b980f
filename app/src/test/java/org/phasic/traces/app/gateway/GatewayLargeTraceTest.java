package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;

/**
 * {@code install} of a trace whose CAR, in no declared order (the root last), outgrows the gateway's memory buffer
 * (8 MiB): the response is spilled to a temporary file, read back verified, and nothing is left behind, whether the
 * content is good or corrupt. (A CAR in traversal order is streamed instead: {@link GatewayStreamedTraceTest}.)
 */
class GatewayLargeTraceTest {
    private static final String ID = "gateway_large";
    private static final int SIZE = 10 << 20;

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private byte[] traceBytes;
    private byte[] car;
    private Path registry;

    @BeforeEach
    void publishALargeTrace() throws IOException {
        GatewayTraces.Published published = GatewayTraces.publishRandom(work, ID, SIZE, 8, ImportProfile.IPFS_CAR,
                new MemoryBlockStore(), "10 MiB served by a gateway");
        traceBytes = published.traceBytes();
        car = published.car();
        registry = GatewayTraces.writeRegistry(work.resolve("registry.json"), List.of(published));
    }

    private void serve(byte[] carBytes) {
        gateway.setDispatcher(GatewayTraces.answering(carBytes, requests));
    }

    private CliRun install() {
        return CliRun.run(Map.of(), userHome, "--home", home().toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registry.toUri(), "install", ID);
    }

    private Path home() {
        return userHome.resolve("home");
    }

    private static Set<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("phasic-traces-gateway-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** The stored files of {@code size} bytes under the home. */
    private List<Path> storedFiles(long size) throws IOException {
        return GatewayTraces.filesOfSize(home(), size);
    }

    @Test
    void aSpilledTraceIsFetchedInOneRequestVerifiedAndStoredWithNothingLeftBehind() throws IOException {
        serve(car);
        Set<Path> before = spillFiles();

        CliRun run = install();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(requests).hasSize(1).allMatch(target -> target.endsWith("?format=car&dag-scope=all"));
        List<Path> stored = storedFiles(SIZE);
        assertThat(stored).singleElement().satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(traceBytes));
        Set<Path> after = spillFiles();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }

    @Test
    void aCorruptLeafInTheMiddleOfASpilledTraceStoresNothingAndLeavesNothingBehind() throws IOException {
        byte[] corrupt = car.clone();
        corrupt[car.length / 2] ^= 1;
        serve(corrupt);
        Set<Path> before = spillFiles();

        CliRun run = install();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("block hash mismatch");
        assertThat(storedFiles(SIZE)).isEmpty();
        Set<Path> after = spillFiles();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }
}
