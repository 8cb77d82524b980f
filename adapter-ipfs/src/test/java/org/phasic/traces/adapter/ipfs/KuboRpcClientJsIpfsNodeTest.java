package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.phasic.traces.domain.cid.Cid;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.ipfs.daemon.DaemonSettings;
import org.phasic.traces.adapter.ipfs.daemon.DaemonStatus;
import org.phasic.traces.adapter.ipfs.daemon.DaemonTier;
import org.phasic.traces.adapter.ipfs.daemon.ExecutableLookup;
import org.phasic.traces.adapter.ipfs.daemon.IpfsDaemonTiers;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * The RPC client against a real js-ipfs node; CIDs are compared with vectors that independent
 * tools recorded ({@code src/test/resources/ipfs-vectors/make-vectors.sh}), never with our own code.
 */
@ExtendWith(JsIpfsNodeExtension.class)
class KuboRpcClientJsIpfsNodeTest {

    private static final AddOptions V0 = AddOptions.cidV0().withPin(false);
    private static final AddOptions V1_IPFS_CAR = AddOptions.cidV1RawLeaves().withChunker("size-1048576").withPin(false);
    private static final int MIB = 1 << 20;

    @TempDir
    static Path tmp;
    private JsIpfsNode node;
    private KuboRpcClient client;
    private static Properties vectors;
    private static Path fixtures;
    private static Path big;
    private static byte[] bigBytes;

    @BeforeAll
    static void fixtures() throws Exception {
        fixtures = Path.of(KuboRpcClientJsIpfsNodeTest.class.getResource("/ipfs-vectors/vectors.properties").toURI())
                .getParent();
        vectors = new Properties();
        try (InputStream in = Files.newInputStream(fixtures.resolve("vectors.properties"))) {
            vectors.load(in);
        }
        bigBytes = lcgBytes(Integer.parseInt(vectors.getProperty("big.length")));
        assertThat(Sha256.hex(bigBytes))
                .as("the test regenerates exactly the bytes make-vectors.sh hashed")
                .isEqualTo(vectors.getProperty("big.sha256"));
        big = Files.write(tmp.resolve("big.bin"), bigBytes);
    }

    @BeforeEach
    void connect(JsIpfsNode runningNode) {
        node = runningNode;
        client = TestKubo.client(node.api(), Duration.ofSeconds(30));
    }

    /** make-vectors.sh's generator: 32-bit LCG, seed 42, top byte of each state. */
    private static byte[] lcgBytes(int length) {
        byte[] bytes = new byte[length];
        int x = 42;
        for (int i = 0; i < length; i++) {
            x = x * 1103515245 + 12345;
            bytes[i] = (byte) (x >>> 24);
        }
        return bytes;
    }

    private static String vector(String key) {
        return Optional.ofNullable(vectors.getProperty(key)).orElseThrow(() -> new AssertionError("no vector " + key));
    }

    @Test
    void versionAndIdIdentifyTheNode() throws Exception {
        assertThat(client.version().version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(client.id().agentVersion()).startsWith("js-ipfs/");
        assertThat(client.id().id()).isNotBlank();
    }

    @Test
    void cidVersion0ProfileMatchesIpfsCid() throws Exception {
        assertThat(client.add(fixtures.resolve("small.txt"), V0, AddProgressListener.NONE).rootCid())
                .isEqualTo(vector("small.cidv0"));
        assertThat(client.add(big, V0, AddProgressListener.NONE).rootCid()).isEqualTo(vector("big.cidv0"));
        assertThat(client.add(big, V0.withOnlyHash(true), AddProgressListener.NONE).rootCid()).isEqualTo(vector("big.cidv0"));
    }

    @Test
    void cidVersion1RawLeavesProfileMatchesIpfsCarForFilesAndFolders() throws Exception {
        assertThat(client.add(fixtures.resolve("small.txt"), V1_IPFS_CAR, AddProgressListener.NONE).rootCid())
                .isEqualTo(vector("small.cidv1-raw-1MiB"));
        assertThat(client.add(big, V1_IPFS_CAR, AddProgressListener.NONE).rootCid())
                .isEqualTo(vector("big.cidv1-raw-1MiB"));
        assumeTreeNamesCreatable();
        long[] lastProgress = new long[2];
        AddResult tree = client.add(fixtures.resolve("tree"), V1_IPFS_CAR, (sent, total) -> {
            lastProgress[0] = sent;
            lastProgress[1] = total;
        });
        assertThat(tree.rootCid()).isEqualTo(vector("tree.cidv1-raw-1MiB"));
        assertThat(tree.entries()).extracting(AddedEntry::name)
                .contains("tree", "tree/a.txt", "tree/sub", "tree/sub/name with spaces ü.txt");
        assertThat(lastProgress[0]).isEqualTo(lastProgress[1]).isEqualTo(sizeOf(fixtures.resolve("tree")));
    }

    @Test
    void fileReadsBackByCatGetBlockGetAndDagExport() throws Exception {
        String cid = client.add(big, V1_IPFS_CAR, AddProgressListener.NONE).rootCid();
        String leaf = client.add(fixtures.resolve("small.txt"), V1_IPFS_CAR, AddProgressListener.NONE).rootCid();

        try (InputStream in = client.cat(cid)) {
            assertThat(in.readAllBytes()).isEqualTo(bigBytes);
        }
        List<Path> written = client.get(cid, tmp.resolve("get-file"));
        assertThat(written).hasSize(1);
        assertThat(Files.readAllBytes(written.get(0))).isEqualTo(bigBytes);
        try (InputStream in = client.blockGet(leaf)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(fixtures.resolve("small.txt")));
        }
        byte[] car;
        try (InputStream in = client.dagExport(cid)) {
            car = in.readAllBytes();
        }
        assertThat(car.length).isGreaterThan(bigBytes.length);
        assertThat(indexOf(car, Arrays.copyOfRange(bigBytes, 0, MIB))).as("first raw leaf in the CAR").isPositive();
        assertThat(indexOf(car, Arrays.copyOfRange(bigBytes, MIB, bigBytes.length))).as("last raw leaf").isPositive();
    }

    @Test
    void folderReadsBackByGetAndByCatOfAPath() throws Exception {
        assumeTreeNamesCreatable();
        String root = client.add(fixtures.resolve("tree"), V1_IPFS_CAR, AddProgressListener.NONE).rootCid();

        client.get(root, tmp.resolve("get-tree"));

        assertThat(contents(tmp.resolve("get-tree").resolve(root))).isEqualTo(contents(fixtures.resolve("tree")));
        try (InputStream in = client.cat(root + "/sub/name with spaces ü.txt")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(fixtures.resolve("tree/sub/name with spaces ü.txt")));
        }
        assertThatThrownBy(() -> client.cat(root).close())
                .isInstanceOfSatisfying(IpfsApiException.class, e -> assertThat(e.httpStatus()).hasValue(500))
                .hasMessageContaining("'cat'").hasMessageContaining("directory");
    }

    /** The tree fixture holds 'sub/name with spaces ü.txt', which a JVM without a UTF-8 locale cannot read. */
    private static void assumeTreeNamesCreatable() {
        String encodingProblem = SafePaths.unrepresentableReason("name with spaces ü.txt");
        Assumptions.assumeTrue(encodingProblem == null, () -> "needs a non-ASCII file name: " + encodingProblem);
    }

    @Test
    void pinAddListRemove() throws Exception {
        Path unique = Files.write(tmp.resolve("unique.bin"), randomBytes(4096));
        String cid = client.add(unique, V1_IPFS_CAR, AddProgressListener.NONE).rootCid();
        assertThatThrownBy(() -> client.pinLs(Optional.of(cid), PinType.ALL))
                .isInstanceOf(IpfsApiException.class).hasMessageContaining("not pinned");

        assertThat(client.pinAdd(cid, true)).containsExactly(cid);
        assertThat(client.pinLs(Optional.of(cid), PinType.ALL)).containsExactly(new PinnedCid(cid, "recursive"));
        assertThat(client.pinLs(Optional.empty(), PinType.RECURSIVE)).isNotEmpty();
        KuboPinning pinning = new KuboPinning(client);
        assertThat(pinning.status(Cid.parse(cid))).contains("pinned");
        assertThat(client.pinRm(cid, true)).containsExactly(cid);
        assertThat(pinning.status(Cid.parse(cid))).isEmpty();

        assertThatThrownBy(() -> client.pinLs(Optional.of(cid), PinType.ALL))
                .isInstanceOf(IpfsApiException.class).hasMessageContaining("not pinned");
        assertThat(client.repoStat().numObjects()).isPositive();
    }

    @Test
    void contentTheNodeDoesNotHaveTimesOutInsteadOfHanging() throws Exception {
        Path absent = Files.write(tmp.resolve("absent.bin"), randomBytes(100));
        String cid = client.add(absent, V1_IPFS_CAR.withOnlyHash(true), AddProgressListener.NONE).rootCid();
        long start = System.nanoTime();

        assertThatThrownBy(() -> {
            try (InputStream in = client.withTimeout(Duration.ofMillis(1500)).cat(cid)) {
                in.readAllBytes();
            }
        }).isInstanceOfSatisfying(IpfsApiException.class, e -> assertThat(e.call()).isEqualTo("cat"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void tierSelectionUsesTheRunningNode() {
        ApiAddressDiscovery discovery = new ApiAddressDiscovery(Map.of("IPFS_PATH", tmp.resolve("no-repo").toString()),
                tmp, ApiAddress.DEFAULT_MULTIADDR);
        DaemonSettings settings = DaemonSettings.defaults(tmp.resolve("logs"))
                .withExplicitApi(node.api().baseUri().toString());
        IpfsDaemonTiers tiers = new IpfsDaemonTiers(settings, discovery, ExecutableLookup.onPath(""),
                TestKubo::client, message -> { });

        DaemonStatus status = tiers.connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.DAEMON);
        assertThat(status.apiAddress().baseUri()).isEqualTo(node.api().baseUri());
        assertThat(status.version()).isPresent();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random().nextBytes(bytes);
        return bytes;
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(p -> !p.equals(folder)).toList()) {
                result.put(folder.relativize(file).toString(),
                        Files.isDirectory(file) ? "<dir>" : HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        return result;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
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
