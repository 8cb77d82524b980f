package org.phasic.traces.adapter.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.ports.out.BlobContent;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/**
 * The private-mirror source and push over a folder store, with a CAR made by npm ipfs-car. Subclasses run the
 * same tests over other stores.
 */
class MirrorTest {
    private static final String FILE = "a.txt";

    @TempDir
    Path folder;

    private Path carPath;
    private CarFile car;
    private Cid root;
    private BlobStore store;
    private MirrorContentSource mirror;

    @BeforeEach
    void setUp() throws IOException {
        carPath = folder.resolve("fixture.car");
        try (InputStream in = MirrorTest.class.getResourceAsStream("/mirror/small-tree.ipfs-car.car")) {
            Files.copy(in, carPath);
        }
        car = CarFile.open(carPath);
        root = car.header().roots().get(0);
        store = newStore(folder);
        mirror = new MirrorContentSource(store, false);
    }

    @Test
    void sitsAtTheMirrorTierAndNamesItsStore() {
        assertThat(mirror.order()).isEqualTo(ContentSource.Tier.MIRROR);
        assertThat(mirror.name()).startsWith(MirrorContentSource.NAME_PREFIX).contains("team");
    }

    @Test
    void absentRootIsEmpty() throws IOException {
        assertThat(mirror.open(root, FILE)).isEmpty();
    }

    @Test
    void servesTheStoredCar() throws IOException {
        store.putIfMissing(BlobKeys.car(root.toString()), BlobContent.of(carPath));

        Optional<BlockFeed> feed = mirror.open(root, FILE);

        assertThat(feed).containsInstanceOf(BlockFeed.Car.class);
        assertThat(extract(feed.get())).isEqualTo(expected());
    }

    @Test
    void aSmallCarIsDownloadedOnceForTheTwoFilesOfAFetch() throws IOException {
        store.putIfMissing(BlobKeys.car(root.toString()), BlobContent.of(carPath));
        CountingStore counting = new CountingStore(store);
        MirrorContentSource source = new MirrorContentSource(counting, false);

        byte[] first = extract(source.open(root, FILE).orElseThrow());
        byte[] second = extract(source.open(root, FILE).orElseThrow());
        byte[] third = extract(source.open(root, FILE).orElseThrow());

        assertThat(first).isEqualTo(expected()).isEqualTo(second).isEqualTo(third);
        assertThat(counting.gets).as("downloads: the second open reuses the first, the third downloads again")
                .isEqualTo(2);
    }

    @Test
    void carRewrittenInTheBucketFailsTheCidCheck() throws IOException {
        byte[] bytes = Files.readAllBytes(carPath);
        bytes[bytes.length - 1] ^= 1;
        // a consistent rewrite: the store's own checksum matches, only the CID check can catch it
        store.put(BlobKeys.car(root.toString()), new java.io.ByteArrayInputStream(bytes), bytes.length);

        BlockFeed feed = mirror.open(root, "").orElseThrow();

        assertThatThrownBy(() -> new Reassembler().verifyTree(root, blocksOf(feed)))
                .isInstanceOf(CorruptContentException.class);
    }

    @Test
    void carAlteredBehindTheStoresBackIsReportedAsCorrupt() throws IOException {
        store.putIfMissing(BlobKeys.car(root.toString()), BlobContent.of(carPath));
        byte[] bytes = Files.readAllBytes(carPath);
        tamper(BlobKeys.car(root.toString()), java.util.Arrays.copyOf(bytes, bytes.length + 1));

        assertThatThrownBy(() -> mirror.open(root, ""))
                .isInstanceOf(CorruptContentException.class).hasMessageContaining("recorded");
    }

    @Test
    void pushSendsTheCarAndIndexOnceAndTheMirrorServesIt() throws IOException {
        MirrorPush push = new MirrorPush(store, List.of(carSource("ipfs-car fixture")));
        TraceId id = TraceId.of("small_tree");

        MirrorPush.Result first = push.push(id, root.toString());
        MirrorPush.Result second = push.push(id, root.toString());

        assertThat(first.sent()).isTrue();
        assertThat(first.bytesSent()).isGreaterThan(0);
        assertThat(second.sent()).isFalse();
        assertThat(second.bytesSent()).isZero();
        assertThat(extract(mirror.open(root, FILE).orElseThrow())).isEqualTo(expected());
        try (InputStream in = store.get(BlobKeys.index("small_tree"))) {
            assertThat(MirrorIndexEntry.parse(BlobKeys.index("small_tree"), in.readAllBytes()))
                    .contains(new MirrorIndexEntry(id, root.toString()));
        }
    }

    @Test
    void pushAfterAnInterruptionSendsOnlyWhatIsMissing() throws IOException {
        MirrorPush push = new MirrorPush(store, List.of(carSource("ipfs-car fixture")));
        TraceId id = TraceId.of("small_tree");
        push.push(id, root.toString());
        store.delete(BlobKeys.index("small_tree"));

        MirrorPush.Result resumed = push.push(id, root.toString());

        assertThat(resumed.bytesSent()).isEqualTo(new MirrorIndexEntry(id, root.toString()).toJson().length);
    }

    @Test
    void pushFallsBackToTheNextSourceAndSendsNothingWhenNoneHasTheWholeDag() throws IOException {
        Cid leaf = car.cids().stream().filter(cid -> !cid.equals(root)).findFirst().orElseThrow();
        ContentSource partial = lookupSource("partial", cid -> cid.equals(leaf) ? Optional.empty() : car.fetch(cid));
        ContentSource empty = lookupSource("empty", cid -> Optional.empty());

        assertThatThrownBy(() -> new MirrorPush(store, List.of(partial, empty)).push(TraceId.of("small_tree"), root.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("partial: ").hasMessageContaining("empty: ");
        assertThat(store.list("")).isEmpty();

        MirrorPush.Result result = new MirrorPush(store, List.of(partial, carSource("good"))).push(TraceId.of("small_tree"),
                root.toString());
        assertThat(result.sent()).isTrue();
    }

    @Test
    void writeBackCopiesWhatAnotherSourceServedButNotWhatTheMirrorServed() throws IOException {
        MirrorWriteBack writeBack = new MirrorWriteBack(mirror);
        TraceId id = TraceId.of("small_tree");

        writeBack.fetched(id, root.toString(), mirror);
        assertThat(store.list("")).isEmpty();

        writeBack.fetched(id, root.toString(), carSource("gateway"));
        assertThat(store.list("")).extracting(info -> info.key())
                .containsExactly(BlobKeys.car(root.toString()), BlobKeys.index("small_tree"));
        assertThat(extract(mirror.open(root, FILE).orElseThrow())).isEqualTo(expected());
    }

    @Test
    void indexEntriesAreParsedStrictly() {
        String key = BlobKeys.index("small_tree");
        String cid = root.toString();

        assertThat(MirrorIndexEntry.parse(key, ("{\"id\":\"small_tree\",\"cid\":\"" + cid + "\"}").getBytes()))
                .isPresent();
        assertThat(MirrorIndexEntry.parse(BlobKeys.index("other"), ("{\"id\":\"small_tree\",\"cid\":\"" + cid + "\"}").getBytes()))
                .isEmpty();
        assertThat(MirrorIndexEntry.parse(key, "{\"id\":\"small_tree\",\"cid\":\"nope\"}".getBytes())).isEmpty();
        assertThat(MirrorIndexEntry.parse(key, "[]".getBytes())).isEmpty();
    }

    /** The store under test, empty; a folder here. */
    protected BlobStore newStore(Path temp) {
        return FileSystemBlobStore.of(temp.resolve("bucket"), "team");
    }

    /** Replaces the bytes under {@code key} behind the store's back, keeping its recorded checksum. */
    protected void tamper(String key, byte[] replacement) throws IOException {
        Files.write(folder.resolve("bucket/team").resolve(key), replacement);
    }

    private byte[] expected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Reassembler().writeFile(root, FILE, car, out);
        assertThat(out.size()).isEqualTo(100);
        return out.toByteArray();
    }

    private byte[] extract(BlockFeed feed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (feed) {
            new Reassembler().writeFile(root, FILE, blocksOf(feed), out);
        }
        return out.toByteArray();
    }

    private static BlockSource blocksOf(BlockFeed feed) throws IOException {
        return feed instanceof BlockFeed.Car stream ? new CarStreamBlockSource(stream.stream())
                : ((BlockFeed.Lookup) feed).blocks();
    }

    private ContentSource carSource(String name) {
        return new TestSource(name, () -> Optional.of(new BlockFeed.Car(Files.newInputStream(carPath))));
    }

    private ContentSource lookupSource(String name, BlockSource blocks) {
        return new TestSource(name, () -> Optional.of(BlockFeed.Lookup.of(blocks)));
    }

    /** Counts downloads. */
    private static final class CountingStore extends org.phasic.traces.adapter.cloud.contract.ForwardingBlobStore {
        int gets;

        CountingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public InputStream get(String key) throws IOException {
            gets++;
            return super.get(key);
        }
    }

    private interface FeedOpener {
        Optional<BlockFeed> open() throws IOException;
    }

    private record TestSource(String name, FeedOpener opener) implements ContentSource {
        @Override
        public boolean usesNetwork() {
            return false;
        }

        @Override
        public int order() {
            return Tier.BUNDLE;
        }

        @Override
        public Optional<BlockFeed> open(Cid root, String path) throws IOException {
            return opener.open();
        }
    }
}
