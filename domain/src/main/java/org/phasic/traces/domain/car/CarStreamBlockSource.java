package org.phasic.traces.domain.car;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.dag.BlockSource;

/**
 * A {@link BlockSource} over a CAR stream read once, front to back (e.g. a trustless gateway response).
 * Blocks that arrive before they are asked for are buffered, and blocks already handed out are kept for
 * reuse (a file may repeat a chunk) while the buffer budget allows, least recently used dropped first.
 * A CAR in traversal order (parents first, as gateways and {@code dag export} write them) needs almost no
 * buffer; a CAR with the root last (as ipfs-car writes them) needs its whole size, so read such CARs with
 * {@link CarFile}. Blocks are handed out unverified: the consumer verifies them, as for any source.
 * Not thread-safe.
 */
public final class CarStreamBlockSource implements BlockSource, Closeable {

    public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;

    private final CarReader reader;
    private final long maxBufferedBytes;
    private final Map<Cid, byte[]> pending = new HashMap<>();
    private final LinkedHashMap<Cid, byte[]> delivered = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Cid, Long> offsets = new HashMap<>();
    private final Set<Cid> evicted = new HashSet<>();
    private long bufferedBytes;
    private boolean ended;

    public CarStreamBlockSource(InputStream in) throws IOException {
        this(in, DEFAULT_MAX_BUFFERED_BYTES);
    }

    /** Reads the CAR header now; {@code maxBufferedBytes} bounds the blocks held in memory. */
    public CarStreamBlockSource(InputStream in, long maxBufferedBytes) throws IOException {
        this.reader = new CarReader(in);
        this.maxBufferedBytes = maxBufferedBytes;
    }

    public CarHeader header() {
        return reader.header();
    }

    /**
     * @throws ContentLimitException if blocks arrive too far ahead of the traversal, or a block is needed
     *     again after the buffer dropped it
     * @throws org.phasic.traces.domain.cid.CorruptContentException if the CAR itself is malformed
     */
    @Override
    public Optional<byte[]> fetch(Cid cid) throws IOException {
        byte[] data = pending.remove(cid);
        if (data != null) {
            delivered.put(cid, data);
            return Optional.of(data);
        }
        data = delivered.get(cid);
        if (data != null) {
            return Optional.of(data);
        }
        while (!ended) {
            CarReader.Section section = reader.nextSection(true);
            if (section == null) {
                ended = true;
                break;
            }
            Cid read = section.cid();
            if (pending.containsKey(read) || delivered.containsKey(read)) {
                continue;
            }
            offsets.put(read, section.offset());
            evicted.remove(read);
            bufferedBytes += section.dataLength();
            boolean wanted = read.equals(cid);
            (wanted ? delivered : pending).put(read, section.data());
            enforceBudget();
            if (wanted) {
                return Optional.of(section.data());
            }
        }
        if (evicted.contains(cid)) {
            throw new ContentLimitException("block " + cid + " was needed again after it was dropped from the CAR"
                    + " stream buffer (limit " + maxBufferedBytes + " bytes); read the CAR from a file instead");
        }
        return Optional.empty();
    }

    @Override
    public OptionalLong offsetOf(Cid cid) {
        Long offset = offsets.get(cid);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    private void enforceBudget() {
        Iterator<Map.Entry<Cid, byte[]>> oldest = delivered.entrySet().iterator();
        while (bufferedBytes > maxBufferedBytes && oldest.hasNext()) {
            Map.Entry<Cid, byte[]> entry = oldest.next();
            bufferedBytes -= entry.getValue().length;
            evicted.add(entry.getKey());
            offsets.remove(entry.getKey());
            oldest.remove();
        }
        if (bufferedBytes > maxBufferedBytes) {
            throw new ContentLimitException("more than " + maxBufferedBytes + " bytes of CAR blocks arrived ahead"
                    + " of the traversal (the CAR is not in traversal order); read it from a file instead");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
