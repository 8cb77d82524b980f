package org.phasic.traces.adapter.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.out.BlobContent;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobIntegrityException;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobNotFoundException;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;
import org.phasic.traces.ports.out.PutOutcome;

/**
 * The behaviour every {@link BlobStore} must show, whatever its backend. A backend's test extends
 * this class and supplies a fresh empty store, a way to alter a stored object behind the store's
 * back, and the size of an object that takes its chunked (multipart / resumable) upload path.
 *
 * <p>Published in this module's test-jar so that plugin backends run the same suite; it depends
 * only on JUnit 5, AssertJ and the ports (checked by {@code ContractSuiteIsolationTest}):
 * <pre>{@code
 * <dependency>
 *   <groupId>org.phasic.traces</groupId>
 *   <artifactId>phasic-traces-adapter-cloud-cache</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 *
 * class MyBlobStoreTest extends BlobStoreContract {
 *     protected BlobStore newStore() { ... }
 *     protected void tamper(String key, byte[] replacement) { ... }
 *     protected int largeObjectSize() { ... }
 * }
 * }</pre>
 */
public abstract class BlobStoreContract {

    private static final String CID_A = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    private static final String CID_B = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    /** A folder of plain objects, listed before the layout's {@code cars/} and {@code index/}. */
    private static final String BLOBS = "blobs/";

    /** The store under test, fresh and empty for each test. */
    protected BlobStore store;

    private final Random random = new Random(20261125);

    /** @return a new, empty store (e.g. on a prefix no other test uses); closed after the test */
    protected abstract BlobStore newStore() throws Exception;

    /**
     * Replaces the bytes stored under {@code key} in {@link #store} without going through the
     * store, keeping the SHA-256 it recorded, like a corrupted disk or a careless admin would.
     */
    protected abstract void tamper(String key, byte[] replacement) throws Exception;

    /** @return a size above the store's chunked-upload threshold, a few chunks long */
    protected abstract int largeObjectSize();

    /** Checks, where the backend can tell, that {@code key} went up through the chunked path. */
    protected void assertChunkedUpload(String key, int size) throws Exception {
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void roundTripsContentWithItsChecksum() throws Exception {
        byte[] content = randomBytes(10_000);
        String key = blob(CID_A);

        BlobInfo stored = store.put(key, new ByteArrayInputStream(content), content.length);

        assertThat(stored).isEqualTo(BlobInfo.of(key, content.length, Sha256.hex(content)));
        assertThat(read(key)).isEqualTo(content);
        assertThat(store.stat(key)).contains(stored);
        assertThat(store.exists(key)).isTrue();
    }

    @Test
    void roundTripsEmptyContent() throws Exception {
        BlobInfo stored = store.put("index/empty.json", new ByteArrayInputStream(new byte[0]), 0);

        assertThat(stored.size()).isZero();
        assertThat(read("index/empty.json")).isEmpty();
        assertThat(store.stat("index/empty.json")).contains(stored);
    }

    @Test
    void copyToWritesVerifiedContent() throws Exception {
        byte[] content = randomBytes(4_000);
        store.put("cars/x.car", new ByteArrayInputStream(content), content.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(store.copyTo("cars/x.car", out)).isEqualTo(content.length);
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void reportsMissingKeys() throws Exception {
        String key = blob(CID_B);

        assertThatThrownBy(() -> store.get(key)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(key).hasMessageContaining(store.location())
                .satisfies(e -> assertThat(((BlobNotFoundException) e).key()).isEqualTo(key));
        assertThat(store.stat(key)).isEmpty();
        assertThat(store.exists(key)).isFalse();
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void overwriteReplacesContentAndChecksum() throws Exception {
        byte[] first = randomBytes(3_000);
        byte[] second = randomBytes(1_234);
        store.put("index/t1.json", new ByteArrayInputStream(first), first.length);

        BlobInfo replaced = store.put("index/t1.json", new ByteArrayInputStream(second), second.length);

        assertThat(replaced).isEqualTo(BlobInfo.of("index/t1.json", second.length, Sha256.hex(second)));
        assertThat(read("index/t1.json")).isEqualTo(second);
        assertThat(store.stat("index/t1.json")).contains(replaced);
    }

    @Test
    void listsByPrefixSortedWithSizes() throws Exception {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(blob(CID_B), randomBytes(10));
        blobs.put(blob(CID_A), randomBytes(20));
        blobs.put(BlobKeys.car(CID_A), randomBytes(30));
        blobs.put(BlobKeys.index("coalescent_n5_theta1"), randomBytes(40));
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            store.put(blob.getKey(), new ByteArrayInputStream(blob.getValue()), blob.getValue().length);
        }

        List<BlobInfo> blocks = store.list(BLOBS);

        assertThat(blocks).extracting(BlobInfo::key).containsExactly(blob(CID_A), blob(CID_B));
        assertThat(blocks).extracting(BlobInfo::size).containsExactly(20L, 10L);
        for (BlobInfo info : store.list("")) {
            info.sha256().ifPresent(sha -> assertThat(sha).isEqualTo(Sha256.hex(blobs.get(info.key()))));
        }
        assertThat(store.list("")).extracting(BlobInfo::key)
                .containsExactly(blob(CID_A), blob(CID_B), BlobKeys.car(CID_A),
                        BlobKeys.index("coalescent_n5_theta1"));
        assertThat(store.list(BLOBS + "Qm")).extracting(BlobInfo::key).containsExactly(blob(CID_A));
        assertThat(store.list(BlobKeys.CARS)).extracting(BlobInfo::key).containsExactly(BlobKeys.car(CID_A));
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void deleteRemovesTheBlob() throws Exception {
        store.put("cars/gone.car", new ByteArrayInputStream(randomBytes(5)), 5);

        store.delete("cars/gone.car");

        assertThat(store.exists("cars/gone.car")).isFalse();
        assertThat(store.list("")).isEmpty();
        assertThatThrownBy(() -> store.get("cars/gone.car")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void largeObjectsGoUpInChunksAndComeBackIntact() throws Exception {
        int size = largeObjectSize();
        byte[] content = randomBytes(size);
        String key = BlobKeys.car(CID_B);

        BlobInfo stored = store.put(key, new TricklingInputStream(content), size);

        assertThat(stored).isEqualTo(BlobInfo.of(key, size, Sha256.hex(content)));
        assertThat(read(key)).isEqualTo(content);
        assertThat(store.stat(key)).contains(stored);
        assertChunkedUpload(key, size);
    }

    @Test
    void detectsContentAlteredBehindItsBack() throws Exception {
        byte[] content = randomBytes(2_000);
        String key = blob(CID_A);
        store.put(key, new ByteArrayInputStream(content), content.length);
        byte[] altered = content.clone();
        altered[1_000] ^= 1;

        tamper(key, altered);

        assertThatThrownBy(() -> read(key)).isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining(key).hasMessageContaining(Sha256.hex(content));
        assertThatThrownBy(() -> store.copyTo(key, new ByteArrayOutputStream()))
                .isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void detectsTruncatedContent() throws Exception {
        byte[] content = randomBytes(2_000);
        store.put("cars/t.car", new ByteArrayInputStream(content), content.length);

        tamper("cars/t.car", java.util.Arrays.copyOf(content, 1_500));

        assertThatThrownBy(() -> read("cars/t.car")).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void rejectsContentShorterOrLongerThanDeclaredAndStoresNothing() throws Exception {
        byte[] content = randomBytes(100);

        assertThatThrownBy(() -> store.put("index/a.json", new ByteArrayInputStream(content), 101))
                .isInstanceOf(BlobStoreException.class).hasMessageContaining("ended after 100 bytes");
        assertThatThrownBy(() -> store.put("index/a.json", new ByteArrayInputStream(content), 99))
                .isInstanceOf(BlobStoreException.class).hasMessageContaining("longer than");
        assertThat(store.exists("index/a.json")).isFalse();
    }

    @Test
    void interruptedUploadKeepsThePreviousContent() throws Exception {
        byte[] old = randomBytes(1_000);
        store.put("index/t.json", new ByteArrayInputStream(old), old.length);
        byte[] fresh = randomBytes(5_000);

        assertThatThrownBy(() -> store.put("index/t.json",
                new InterruptingInputStream(new ByteArrayInputStream(fresh), 2_500), fresh.length))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.put("index/new.json",
                new InterruptingInputStream(new ByteArrayInputStream(fresh), 2_500), fresh.length))
                .isInstanceOf(IOException.class);

        assertThat(read("index/t.json")).isEqualTo(old);
        assertThat(store.exists("index/new.json")).isFalse();
        assertThat(store.list("")).extracting(BlobInfo::key).containsExactly("index/t.json");
    }

    @Test
    void interruptedLargeUploadLeavesNoObject() throws Exception {
        int size = largeObjectSize();
        byte[] content = randomBytes(size);

        assertThatThrownBy(() -> store.put("cars/big.car",
                new InterruptingInputStream(new ByteArrayInputStream(content), size - 1_000), size))
                .isInstanceOf(IOException.class);

        assertThat(store.exists("cars/big.car")).isFalse();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void interruptedPushResumesSendingOnlyWhatIsMissing() throws Exception {
        Map<String, BlobContent> batch = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            batch.put(BLOBS + "Qm" + i + CID_A.substring(3), BlobContent.of(randomBytes(500 + i)));
        }
        BlobStore dropsFourthUpload = new ForwardingBlobStore(store) {
            private int puts;

            @Override
            public BlobInfo put(String key, InputStream content, long length) throws IOException {
                return ++puts == 4
                        ? super.put(key, new InterruptingInputStream(content, length / 2), length)
                        : super.put(key, content, length);
            }
        };

        assertThatThrownBy(() -> push(dropsFourthUpload, batch)).isInstanceOf(IOException.class);
        assertThat(store.list(BLOBS)).hasSize(3);

        CountingStore resumed = new CountingStore(store);
        assertThat(push(resumed, batch)).containsExactly(
                PutOutcome.SKIPPED, PutOutcome.SKIPPED, PutOutcome.SKIPPED,
                PutOutcome.SENT, PutOutcome.SENT, PutOutcome.SENT, PutOutcome.SENT, PutOutcome.SENT);
        assertThat(resumed.puts).hasValue(5);

        CountingStore again = new CountingStore(store);
        assertThat(push(again, batch)).containsOnly(PutOutcome.SKIPPED);
        assertThat(again.puts).hasValue(0);
        for (Map.Entry<String, BlobContent> blob : batch.entrySet()) {
            try (InputStream expected = blob.getValue().open()) {
                assertThat(read(blob.getKey())).isEqualTo(expected.readAllBytes());
            }
        }
    }

    @Test
    void putIfMissingReplacesDifferentContent() throws Exception {
        store.put("index/t.json", new ByteArrayInputStream(randomBytes(10)), 10);
        byte[] fresh = randomBytes(10);

        assertThat(store.putIfMissing("index/t.json", BlobContent.of(fresh))).isEqualTo(PutOutcome.SENT);
        assertThat(read("index/t.json")).isEqualTo(fresh);
        assertThat(store.putIfMissing("index/t.json", BlobContent.of(fresh))).isEqualTo(PutOutcome.SKIPPED);
    }

    @Test
    void rejectsInvalidKeysBeforeAnyIo() {
        assertThatThrownBy(() -> store.put("../escape", new ByteArrayInputStream(new byte[1]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> store.get("/absolute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsConcurrentUploads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BlobInfo>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] content = randomBytes(700 + i);
                String key = "index/t" + i + ".json";
                futures.add(pool.submit(() -> store.put(key, new ByteArrayInputStream(content), content.length)));
            }
            for (Future<BlobInfo> future : futures) {
                BlobInfo info = future.get();
                assertThat(store.stat(info.key())).contains(info);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list(BlobKeys.INDEX)).hasSize(12);
    }

    /** @return the whole verified content of {@code key} */
    protected byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    /** @return {@code size} reproducible pseudo-random bytes */
    protected byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<PutOutcome> push(BlobStore target, Map<String, BlobContent> batch) throws IOException {
        List<PutOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, BlobContent> blob : batch.entrySet()) {
            outcomes.add(target.putIfMissing(blob.getKey(), blob.getValue()));
        }
        return outcomes;
    }

    private static final class CountingStore extends ForwardingBlobStore {
        final AtomicInteger puts = new AtomicInteger();

        CountingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public BlobInfo put(String key, InputStream content, long length) throws IOException {
            puts.incrementAndGet();
            return super.put(key, content, length);
        }
    }

    /** Delivers its content in small, uneven reads, as a network stream does. */
    private static final class TricklingInputStream extends ByteArrayInputStream {
        private int turn;

        TricklingInputStream(byte[] content) {
            super(content);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + (turn++ % 7) * 1_111));
        }
    }

    private static String blob(String cid) {
        return BLOBS + cid;
    }
}
