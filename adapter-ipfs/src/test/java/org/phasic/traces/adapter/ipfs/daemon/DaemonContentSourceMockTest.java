package org.phasic.traces.adapter.ipfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.IpfsApiException;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.adapter.ipfs.TestKubo;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/** {@link DaemonContentSource} against a MockWebServer playing the RPC API's {@code block/get}. */
class DaemonContentSourceMockTest {

    @TempDir
    Path tmp;
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private ImportResult imported;
    private byte[] traceBytes;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trace"));
        traceBytes = new byte[700_000];
        new Random(7).nextBytes(traceBytes);
        Files.write(dir.resolve("trace.json.gz"), traceBytes);
        Files.writeString(dir.resolve("metadata.json"), "{\"id\":\"t\"}");
        MemoryBlockStore blocks = new MemoryBlockStore();
        imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(dir);
        blocks.blocks().forEach(block -> served.put(block.cid().toString(), block.data()));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String cid = request.getUrl().queryParameter("arg");
                requested.add(request.getUrl().encodedPath() + " " + cid);
                byte[] data = served.get(cid);
                if (data == null) {
                    return new MockResponse.Builder().code(500)
                            .body("{\"Message\":\"block was not found locally (offline): ipld: could not find " + cid
                                    + "\",\"Code\":0,\"Type\":\"error\"}").build();
                }
                return new MockResponse.Builder().body(new Buffer().write(data)).build();
            }
        });
    }

    private KuboRpcClient client(Duration timeout) {
        URI base = URI.create(server.url("/").toString().replaceAll("/$", ""));
        return TestKubo.client(new ApiAddress(base, ApiAddress.Source.EXPLICIT), timeout);
    }

    private DaemonContentSource source() {
        return new DaemonContentSource(DaemonConnection.fixed(client(Duration.ofSeconds(5))));
    }

    private static byte[] read(BlockFeed feed, Cid root, String path) throws IOException {
        BlockFeed.Lookup lookup = (BlockFeed.Lookup) feed;
        Reassembler reassembler = new Reassembler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reassembler.writeFile(reassembler.resolve(root, path, lookup.blocks()), lookup.blocks(), out);
        return out.toByteArray();
    }

    @Test
    void sitsAtTheDaemonTierAndIsSkippedOffline() {
        assertThat(source().order()).isEqualTo(ContentSource.Tier.DAEMON);
        assertThat(source().usesNetwork()).isTrue();
        assertThat(source().name()).isEqualTo("IPFS daemon");
    }

    @Test
    void readsAFileOfADirectoryBlockByBlock() throws IOException {
        try (BlockFeed feed = source().open(imported.root(), "trace.json.gz").orElseThrow()) {
            assertThat(read(feed, imported.root(), "trace.json.gz")).isEqualTo(traceBytes);
        }
        assertThat(requested).allMatch(line -> line.startsWith("/api/v0/block/get "));
        assertThat(requested).as("root fetched once, then only the file's blocks, never metadata.json's")
                .doesNotHaveDuplicates()
                .doesNotContain("/api/v0/block/get " + imported.entry("metadata.json").orElseThrow().cid());
    }

    @Test
    void aTamperedBlockIsRejectedByVerification() throws IOException {
        String leaf = served.keySet().stream()
                .filter(cid -> !cid.equals(imported.root().toString()) && served.get(cid).length > 200_000)
                .findFirst().orElseThrow();
        byte[] tampered = served.get(leaf).clone();
        tampered[tampered.length / 2] ^= 1;
        served.put(leaf, tampered);

        try (BlockFeed feed = source().open(imported.root(), "trace.json.gz").orElseThrow()) {
            assertThatThrownBy(() -> read(feed, imported.root(), "trace.json.gz"))
                    .isInstanceOf(CorruptContentException.class);
        }
    }

    @Test
    void aRootTheDaemonCannotFindIsAbsentNotAnError() throws IOException {
        Cid unknown = Block.of(1, Multicodec.RAW, "not served".getBytes()).cid();

        assertThat(source().open(unknown, "trace.json.gz")).isEmpty();
    }

    @Test
    void aRootThatDoesNotArriveWithinTheTimeoutIsAbsent() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            }
        });
        DaemonContentSource source = new DaemonContentSource(DaemonConnection.fixed(client(Duration.ofMillis(300))));

        assertThat(source.open(imported.root(), "trace.json.gz")).isEmpty();
    }

    @Test
    void otherApiErrorsAreFailures() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(403).body("{\"Message\":\"API access forbidden\"}").build();
            }
        });

        assertThatThrownBy(() -> source().open(imported.root(), "trace.json.gz"))
                .isInstanceOf(IpfsApiException.class)
                .hasMessageContaining("block/get").hasMessageContaining("HTTP 403").hasMessageContaining("forbidden");
    }

    @Test
    void anOversizedBlockIsRefusedBeforeItIsBuffered() {
        served.put(imported.root().toString(), new byte[DaemonContentSource.MAX_BLOCK_BYTES + 1]);

        assertThatThrownBy(() -> source().open(imported.root(), "trace.json.gz"))
                .isInstanceOf(IpfsApiException.class).hasMessageContaining("exceeds " + DaemonContentSource.MAX_BLOCK_BYTES);
    }

    @Test
    void withoutADaemonItHasNothingAndHintsOnce() throws IOException {
        Path repo = tmp.resolve("repo");
        String dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = "/ip4/127.0.0.1/tcp/" + socket.getLocalPort();
        }
        List<String> notices = new ArrayList<>();
        IpfsDaemonTiers tiers = new IpfsDaemonTiers(DaemonSettings.defaults(tmp.resolve("logs")).withExplicitApi(dead),
                new ApiAddressDiscovery(Map.of(ApiAddressDiscovery.IPFS_PATH, repo.toString()), tmp, dead),
                name -> Optional.empty(), (address, timeout) -> TestKubo.client(address, timeout), notices::add);
        DaemonContentSource source = new DaemonContentSource(
                DaemonConnection.onFirstUse(tiers, (a, t) -> TestKubo.client(a, t), Duration.ofSeconds(5), notices::add));

        assertThat(source.open(imported.root(), "trace.json.gz")).isEmpty();
        assertThat(source.open(imported.root(), "metadata.json")).isEmpty();
        assertThat(notices).singleElement().asString().contains("using HTTP gateways", "install Kubo");
        assertThat(requested).isEmpty();
    }

    @Test
    void onFirstUseConnectsToTheDaemonThatAnswersAndAnnouncesItOnce() throws IOException {
        Dispatcher blocks = server.getDispatcher();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getUrl().encodedPath().endsWith("/version")) {
                    return new MockResponse.Builder().body("{\"Version\":\"0.29.0\",\"Commit\":\"\",\"Repo\":\"15\"}").build();
                }
                return blocks.dispatch(request);
            }
        });
        String api = server.url("/").toString();
        List<String> notices = new ArrayList<>();
        IpfsDaemonTiers tiers = new IpfsDaemonTiers(DaemonSettings.defaults(tmp.resolve("logs")).withExplicitApi(api),
                new ApiAddressDiscovery(Map.of(ApiAddressDiscovery.IPFS_PATH, tmp.resolve("repo").toString()), tmp,
                        ApiAddress.DEFAULT_MULTIADDR),
                name -> Optional.empty(), (address, timeout) -> TestKubo.client(address, timeout), notices::add);
        DaemonContentSource source = new DaemonContentSource(
                DaemonConnection.onFirstUse(tiers, (a, t) -> TestKubo.client(a, t), Duration.ofSeconds(5), notices::add));

        for (int i = 0; i < 2; i++) {
            try (BlockFeed feed = source.open(imported.root(), "trace.json.gz").orElseThrow()) {
                assertThat(read(feed, imported.root(), "trace.json.gz")).isEqualTo(traceBytes);
            }
        }
        assertThat(notices).containsExactly("Using IPFS 0.29.0 at " + api.replaceAll("/$", ""));
    }
}
