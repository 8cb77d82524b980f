package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;

/** {@code get} through the {@code gateway} profile against a local trustless gateway (MockWebServer). */
class GatewayGetTest {
    private static final String ID = "gateway_kingman_n5";
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private byte[] traceBytes;
    private byte[] car;
    private Cid root;
    private Path registryFile;

    @BeforeEach
    void publishATraceOnlyTheGatewayHas() throws IOException {
        GatewayTraces.Published published = GatewayTraces.publish(work, ID, "only on the gateway");
        traceBytes = published.traceBytes();
        car = published.car();
        root = published.root();
        registryFile = GatewayTraces.writeRegistry(work.resolve("registry.json"), List.of(published));
    }

    private void serve(byte[] carBytes) {
        gateway.setDispatcher(GatewayTraces.answering(carBytes, requests));
    }


    private CliRun get(String... extra) {
        List<String> args = new ArrayList<>(List.of("--home", userHome.resolve("home").toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryFile.toUri(), "get", ID));
        args.addAll(List.of(extra));
        return CliRun.run(Map.of(), userHome, args);
    }

    @Test
    void aTraceOnlyTheGatewayHasIsFetchedVerifiedAndStored() throws IOException {
        serve(car);

        CliRun run = get();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("from gateways http://127.0.0.1:" + gateway.getPort(), "verified");
        Path stored = Path.of(run.out().strip());
        assertThat(Files.readAllBytes(stored)).isEqualTo(traceBytes);
        assertThat(requests).as("one request: the directory as a CAR")
                .containsExactly("/ipfs/" + root + "?format=car&dag-scope=all");

        requests.clear();
        CliRun again = get();
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("from local store");
        assertThat(requests).as("a store hit makes no request").isEmpty();
    }

    @Test
    void anIncompleteDirectoryCarFallsBackToOneRequestPerFile() throws IOException {
        Map<Cid, byte[]> blocks = GatewayTraces.blocksOf(car);
        byte[] rootOnly = carOf(root, Map.of(root, blocks.get(root)));
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                byte[] body = request.getTarget().contains("dag-scope=all") ? rootOnly : car;
                return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(body)).build();
            }
        });

        CliRun run = get();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(Path.of(run.out().strip()))).isEqualTo(traceBytes);
        assertThat(requests).first().isEqualTo("/ipfs/" + root + "?format=car&dag-scope=all");
        assertThat(requests).anySatisfy(target -> assertThat(target).startsWith("/ipfs/" + root + "/trace.json.gz?"));
    }

    @Test
    void aGatewayRefusingCarsServesTheWholeDirectoryAsRawBlocks() throws IOException {
        Map<Cid, byte[]> blocks = GatewayTraces.blocksOf(car);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                if (!"raw".equals(request.getUrl().queryParameter("format"))) {
                    return new MockResponse.Builder().code(406).build();
                }
                byte[] block = blocks.get(Cid.parse(request.getUrl().pathSegments().get(1)));
                return block == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.ipld.raw")
                                .body(new Buffer().write(block)).build();
            }
        });

        CliRun run = get();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(Path.of(run.out().strip()))).isEqualTo(traceBytes);
        assertThat(requests).first().isEqualTo("/ipfs/" + root + "?format=car&dag-scope=all");
        assertThat(requests.subList(1, requests.size())).as("every block once, by CID")
                .allSatisfy(target -> assertThat(target).endsWith("?format=raw")).doesNotHaveDuplicates()
                .hasSize(blocks.size());
    }

    private static byte[] carOf(Cid carRoot, Map<Cid, byte[]> blocks) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, carRoot)) {
            for (Map.Entry<Cid, byte[]> block : blocks.entrySet()) {
                writer.accept(Block.verified(block.getKey(), block.getValue()));
            }
        }
        return out.toByteArray();
    }

    @Test
    void aTamperedCarIsRefusedAndNothingIsStored() throws IOException {
        byte[] tampered = car.clone();
        int inTrace = indexOf(tampered, Arrays.copyOfRange(traceBytes, 100, 140));
        assertThat(inTrace).isPositive();
        tampered[inTrace] ^= 0x01;
        serve(tampered);

        CliRun run = get();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("could not fetch " + ID);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anHtmlPageWithStatus200IsNotATrace() throws IOException {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                        .body("<html><body>rate limited</body></html>").build();
            }
        });

        CliRun run = get();

        assertThat(run.code()).isEqualTo(1);
        assertThat(storedFiles()).isEmpty();
    }

    private List<Path> storedFiles() throws IOException {
        Path objects = userHome.resolve("home/store/objects");
        if (!Files.exists(objects)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
