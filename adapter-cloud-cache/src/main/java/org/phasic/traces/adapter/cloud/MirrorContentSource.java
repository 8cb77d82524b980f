package org.phasic.traces.adapter.cloud;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.ports.out.BlobIntegrityException;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobNotFoundException;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/**
 * A private mirror (S3, GCS, a folder, a plugin's store) as a source of the fetch chain, at
 * {@link Tier#MIRROR}: a trace directory is served from its CAR ({@code cars/<root>.car}) when the
 * mirror has one. Nothing is trusted: the fetch chain
 * verifies every block against the registry's CID, and bytes that fail the store's own SHA-256 record
 * are reported as corrupt content, so a tampered object is never used.
 *
 * <p>The fetch chain opens a directory once per file it reads; a CAR of at most {@value #MAX_REUSED_CAR_BYTES}
 * bytes is therefore downloaded once, checked against the store's record, and handed out a second time from
 * memory for the next {@code open} of the same root (and then dropped, so a bad copy is never kept). Larger
 * CARs stream, once per {@code open}.
 */
public final class MirrorContentSource implements ContentSource {
    /** The start of every mirror source's {@link #name()}. */
    public static final String NAME_PREFIX = "private mirror ";
    /** The largest CAR kept in memory for the second {@code open} of the same root. */
    public static final int MAX_REUSED_CAR_BYTES = 8 << 20;

    private final BlobStore store;
    private final boolean usesNetwork;
    private final AtomicReference<DownloadedCar> lastCar = new AtomicReference<>();

    private record DownloadedCar(Cid root, byte[] bytes) {
    }

    /**
     * @param store       the mirror's blobs (not closed by this source)
     * @param usesNetwork whether reaching the store needs the network (false for a local folder)
     */
    public MirrorContentSource(BlobStore store, boolean usesNetwork) {
        this.store = Objects.requireNonNull(store, "store");
        this.usesNetwork = usesNetwork;
    }

    /** The mirror's store, for {@code cache push/pull/ls}. */
    public BlobStore store() {
        return store;
    }

    @Override
    public String name() {
        return NAME_PREFIX + store.location();
    }

    @Override
    public boolean usesNetwork() {
        return usesNetwork;
    }

    @Override
    public int order() {
        return Tier.MIRROR;
    }

    @Override
    public Optional<BlockFeed> open(Cid root, String path) throws IOException {
        DownloadedCar last = lastCar.get();
        if (last != null && last.root().equals(root) && lastCar.compareAndSet(last, null)) {
            return Optional.of(new BlockFeed.Car(new ByteArrayInputStream(last.bytes())));
        }
        InputStream car;
        try {
            car = new IntegrityAsCorruption(store.get(BlobKeys.car(root.toString())));
        } catch (BlobNotFoundException absent) {
            return Optional.empty();
        } catch (BlobIntegrityException e) {
            throw corrupt(e);
        }
        return Optional.of(new BlockFeed.Car(download(root, car)));
    }

    /** The whole CAR when it is small (verified by the store, kept for the next open), else a stream. */
    private InputStream download(Cid root, InputStream car) throws IOException {
        byte[] head;
        try {
            head = car.readNBytes(MAX_REUSED_CAR_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            car.close();
            throw e;
        }
        if (head.length > MAX_REUSED_CAR_BYTES) {
            return new SequenceInputStream(new ByteArrayInputStream(head), car);
        }
        car.close();
        lastCar.set(new DownloadedCar(root, head));
        return new ByteArrayInputStream(head);
    }

    private static CorruptContentException corrupt(BlobIntegrityException e) {
        return new CorruptContentException(e.getMessage(), e);
    }

    /** Turns the store's integrity failure (found at the end of a read) into the fetch chain's "bad content". */
    private static final class IntegrityAsCorruption extends FilterInputStream {
        IntegrityAsCorruption(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (BlobIntegrityException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (BlobIntegrityException e) {
                throw corrupt(e);
            }
        }
    }
}
