package org.phasic.traces.adapter.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.ports.out.BlobContent;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.PutOutcome;

/**
 * Copies traces into a mirror, incrementally: a trace's whole directory DAG goes up as one CAR
 * ({@code cars/<root>.car}) plus an index entry ({@code index/<id>.json}). A CAR already in the mirror with a
 * recorded checksum is not rebuilt or sent again (an upload is atomic, so a present CAR is complete), and an
 * index entry is only rewritten when it changed; re-running an interrupted push therefore sends only what is
 * missing.
 *
 * <p>The local store keeps a trace's files, not its directory blocks, so the DAG is read from the given
 * sources (the bundled library, a daemon, gateways: whichever has it first) and verified block by block
 * against the root CID before anything is sent. The CAR is written to a temporary file as the blocks arrive, so
 * memory does not grow with the trace's size.
 */
public final class MirrorPush {
    private final BlobStore mirror;
    private final List<ContentSource> sources;

    /**
     * @param mirror  where to push
     * @param sources where the directory DAGs are read from, in order (not the mirror itself)
     */
    public MirrorPush(BlobStore mirror, List<ContentSource> sources) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.sources = List.copyOf(sources);
    }

    /**
     * What one push did.
     *
     * @param entry     the pushed trace
     * @param sent      whether anything was uploaded (false: the mirror had it all)
     * @param bytesSent bytes uploaded
     */
    public record Result(MirrorIndexEntry entry, boolean sent, long bytesSent) {
    }

    /**
     * Makes sure the mirror holds trace {@code id} with directory CID {@code rootCid}.
     *
     * @throws IOException if no source delivers the complete, verified DAG, or the mirror fails
     */
    public Result push(TraceId id, String rootCid) throws IOException {
        MirrorIndexEntry entry = new MirrorIndexEntry(id, rootCid);
        long sent = 0;
        String carKey = BlobKeys.car(rootCid);
        Optional<BlobInfo> existing = mirror.stat(carKey);
        if (existing.isEmpty() || existing.get().sha256().isEmpty()) {
            Path file = Files.createTempFile("phasic-traces-push-", ".car");
            try {
                writeCar(Cid.parse(rootCid), file);
                BlobContent car = BlobContent.of(file);
                if (mirror.putIfMissing(carKey, car) == PutOutcome.SENT) {
                    sent += car.length();
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        BlobContent index = BlobContent.of(entry.toJson());
        if (mirror.putIfMissing(entry.key(), index) == PutOutcome.SENT) {
            sent += index.length();
        }
        return new Result(entry, sent > 0, sent);
    }

    /** Writes the verified DAG of {@code root} as a CAR to {@code file}, from the first source that has all of it. */
    private void writeCar(Cid root, Path file) throws IOException {
        List<String> failures = new ArrayList<>();
        for (ContentSource source : sources) {
            try (Recording recording = new Recording(new CarWriter(Files.newOutputStream(file), root))) {
                Optional<BlockFeed> feed = source.open(root, "");
                if (feed.isEmpty()) {
                    failures.add(source.name() + ": does not have " + root);
                    continue;
                }
                recording.feed = feed.get();
                new Reassembler().verifyTree(root, recording.source());
                return;
            } catch (ContentException | IOException | UncheckedIOException e) {
                failures.add(source.name() + ": " + e.getMessage());
            }
        }
        throw new IOException("cannot push " + root + ": no source has its complete directory ("
                + (failures.isEmpty() ? "no sources configured" : String.join("; ", failures)) + ")");
    }

    /**
     * Writes every block a walk fetches, once, in walk order. The walk verifies each block right after it is
     * fetched and aborts on the first bad one, so a CAR from a walk that completed holds only verified blocks.
     */
    private static final class Recording implements AutoCloseable {
        private final CarWriter out;
        private final Set<Cid> written = new HashSet<>();
        private BlockFeed feed;
        private CarStreamBlockSource car;

        Recording(CarWriter out) {
            this.out = out;
        }

        BlockSource source() throws IOException {
            BlockSource delegate = feed instanceof BlockFeed.Car stream
                    ? (car = new CarStreamBlockSource(stream.stream()))
                    : ((BlockFeed.Lookup) feed).blocks();
            return cid -> {
                Optional<byte[]> bytes = delegate.fetch(cid);
                if (bytes.isPresent() && written.add(cid)) {
                    out.accept(Block.verified(cid, bytes.get()));
                }
                return bytes;
            };
        }

        @Override
        public void close() throws IOException {
            try (CarWriter closeOut = out; BlockFeed closeFeed = feed; CarStreamBlockSource closeCar = car) {
                // closes the source's CAR reader, the feed and the output file, in that order
            }
        }
    }
}
