package org.phasic.traces.adapter.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.cloud.contract.BlobStoreContract;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;

/**
 * The blob-store contract against Google's in-memory Storage fake from google-cloud-nio
 * ({@code LocalStorageHelper}), plus checks of the GCS-specific upload options.
 *
 * <p>{@code customOptions(false)} is used rather than {@code getOptions()}: the latter's fake
 * refuses every request option, including the generation preconditions this store always sends,
 * and it shares one instance between tests. The fake is not thread-safe, so calls are serialised.
 */
class GcsBlobStoreTest extends BlobStoreContract {

    private static final String BUCKET = "phasic-mirror";
    private static final int CHUNK = GcsSettings.CHUNK_GRANULARITY;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private Storage raw;
    private volatile List<String> failingWriter;
    private String prefix;

    private record Call(String method, List<Object> args) {
    }

    @Override
    protected BlobStore newStore() {
        raw = LocalStorageHelper.customOptions(false).getService();
        prefix = "team/mirror" + PREFIXES.incrementAndGet();
        GcsSettings settings = GcsSettings.of(BUCKET).withPrefix(prefix).withResumable(CHUNK, CHUNK);
        return new GcsBlobStore(recording(raw), settings);
    }

    @Override
    protected void tamper(String key, byte[] replacement) {
        BlobId id = BlobId.of(BUCKET, BlobKeys.join(prefix, key));
        synchronized (raw) {
            raw.create(BlobInfo.newBuilder(id).setMetadata(raw.get(id).getMetadata()).build(), replacement);
        }
    }

    @Override
    protected int largeObjectSize() {
        return 3 * CHUNK + 4_321;
    }

    @Override
    protected void assertChunkedUpload(String key, int size) {
        assertThat(calls).extracting(Call::method).as("large objects use a resumable WriteChannel").contains("writer");
    }

    @Test
    void newObjectsAreCreatedOnlyIfAbsentAndOverwritesMatchTheGeneration() throws Exception {
        byte[] large = randomBytes(largeObjectSize());
        store.put("cars/a.car", new ByteArrayInputStream(large), large.length);
        long generation = raw.get(BlobId.of(BUCKET, prefix + "/cars/a.car")).getGeneration();

        store.put("cars/a.car", new ByteArrayInputStream(large), large.length);

        List<Call> writers = calls.stream().filter(call -> call.method().equals("writer")).toList();
        assertThat(writers).hasSize(2);
        assertThat(writers.get(0).args()).contains(Storage.BlobWriteOption.doesNotExist(), Storage.BlobWriteOption.crc32cMatch());
        assertThat(writers.get(1).args())
                .contains(Storage.BlobWriteOption.generationMatch(generation), Storage.BlobWriteOption.crc32cMatch());
    }

    @Test
    void smallObjectsAreCreatedOnlyIfAbsent() throws Exception {
        store.put("index/a.json", new ByteArrayInputStream(new byte[] {1, 2}), 2);

        assertThat(calls).filteredOn(call -> call.method().equals("create")).singleElement()
                .satisfies(call -> assertThat(call.args()).contains(Storage.BlobTargetOption.doesNotExist()));
    }

    @Test
    void aResumableUploadThatFailsIsAbandonedNotFinalised() throws Exception {
        List<String> channelCalls = new CopyOnWriteArrayList<>();
        failingWriter = channelCalls;
        byte[] large = randomBytes(largeObjectSize());

        assertThatThrownBy(() -> store.put("cars/a.car", new ByteArrayInputStream(large), large.length))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("GCS upload of 'cars/a.car'").hasMessageContaining("simulated network failure");

        assertThat(channelCalls).contains("write").doesNotContain("close");
    }

    /** @return {@code storage}, recording and serialising the calls made on it */
    private Storage recording(Storage storage) {
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    calls.add(new Call(method.getName(), flatten(args)));
                    try {
                        Object result;
                        synchronized (storage) {
                            result = method.invoke(storage, args);
                        }
                        return failingWriter != null && result instanceof WriteChannel channel
                                ? failingAfterFirstWrite(channel, failingWriter) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** @return a channel that records its calls and fails the second write like a dropped connection */
    private static WriteChannel failingAfterFirstWrite(WriteChannel channel, List<String> channelCalls) {
        AtomicInteger writes = new AtomicInteger();
        return (WriteChannel) Proxy.newProxyInstance(WriteChannel.class.getClassLoader(), new Class<?>[] {WriteChannel.class},
                (proxy, method, args) -> {
                    channelCalls.add(method.getName());
                    if (method.getName().equals("write") && writes.incrementAndGet() > 1) {
                        throw new IOException("simulated network failure");
                    }
                    try {
                        return method.invoke(channel, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<Object> flatten(Object[] args) {
        if (args == null) {
            return List.of();
        }
        return Arrays.stream(args)
                .flatMap(arg -> arg instanceof Object[] array ? Arrays.stream(array) : java.util.stream.Stream.of(arg))
                .toList();
    }
}
