package org.phasic.traces.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.TraceStore;

/**
 * {@code publish --check-retrievable} through the real gateway adapter: a MockWebServer gateway serves, as a trustless
 * CAR, whatever the local store holds under the id (as a gateway would once the content reached the network).
 */
class PublishRetrievabilityTest {
    private static final String ID = "kingman_n5_served";
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    @TempDir
    Path tmp;
    @StartStop
    private final MockWebServer gateway = new MockWebServer();
    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    private Path registryFile;

    @BeforeEach
    void registry() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("org/phasic/traces/app/bundle/registry.json")) {
            registryFile = Files.write(tmp.resolve("registry.json"), in.readAllBytes());
        }
    }


    private CliRun publish() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String[] args = {"--home", tmp.resolve("home").toString(), "--profile", "gateway",
            "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
            "--set", "registry.url=" + registryFile.toUri(), "--set", "ipfs.api=http://127.0.0.1:" + closed,
            "publish", PublishServiceTest.N5_GZ.toString(), "--id", ID, "--metadata", PublishServiceTest.N5_METADATA.toString(),
            "--check-retrievable"};
        return CliRun.run(Map.of("IPFS_PATH", tmp.resolve("ipfs").toString()), tmp, args);
    }

    private void serveTheLocalStore(boolean serve) {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                targets.add(request.getTarget());
                Optional<byte[]> car = serve ? carOfStoredTrace() : Optional.empty();
                return car.map(bytes -> new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(bytes)).build()).orElseGet(() -> new MockResponse.Builder().code(404).build());
            }
        });
    }

    private Optional<byte[]> carOfStoredTrace() {
        try {
            TraceStore store = new DiskTraceStore(tmp.resolve("home/store"), Duration.ofMinutes(1), Clock.systemUTC());
            Optional<TraceStore.StoredTrace> stored = store.findAny(TraceId.of(ID));
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Path folder = Files.createTempDirectory(tmp, "served");
            for (Map.Entry<String, TraceStore.StoredFile> file : stored.get().files().entrySet()) {
                Files.copy(file.getValue().path(), folder.resolve(file.getKey()));
            }
            MemoryBlockStore blocks = new MemoryBlockStore();
            ImportResult imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(folder);
            ByteArrayOutputStream car = new ByteArrayOutputStream();
            try (CarWriter writer = new CarWriter(car, imported.root())) {
                for (Block block : blocks.blocks()) {
                    writer.accept(block);
                }
            }
            return Optional.of(car.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGatewayServingTheContentConfirmsItBeforeTheManualPullRequest() throws IOException {
        serveTheLocalStore(true);

        CliRun run = publish();

        assertThat(run.code()).as(run.err()).isZero();
        String cid = run.out().lines().findFirst().orElseThrow().replaceAll(".*: ", "");
        assertThat(run.out()).contains("trace.json.gz fetched back from gateways http://127.0.0.1:" + gateway.getPort(),
                "verified against the CID and checksum", "open the pull request by hand");
        assertThat(targets).anySatisfy(target -> assertThat(target).startsWith("/ipfs/" + cid + "/trace.json.gz"));
    }

    @Test
    void noGatewayServingItFailsWithoutPullRequestInstructions() throws IOException {
        serveTheLocalStore(false);

        CliRun run = publish();

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("no gateway serves Qm", "the pull request was not opened");
        assertThat(run.out()).doesNotContain("open the pull request by hand");
        assertThat(targets).isNotEmpty();
    }
}
