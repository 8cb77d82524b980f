package org.phasic.traces.domain.dag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * Blocks held in memory, in the order they first arrived: a {@link BlockSink} for importers and CAR readers,
 * and a {@link BlockSource} for reassembly. It stores what it is given; whoever reads from it verifies the
 * bytes against the CIDs that link to them, as every reader of a {@link BlockSource} must. Thread-safe.
 */
public final class MemoryBlockStore implements BlockSink, BlockSource {
    private final Map<Cid, Block> blocks = new LinkedHashMap<>();
    private long bytes;

    @Override
    public synchronized void accept(Block block) {
        if (blocks.putIfAbsent(block.cid(), block) == null) {
            bytes += block.size();
        }
    }

    @Override
    public synchronized Optional<byte[]> fetch(Cid cid) {
        Block block = blocks.get(cid);
        return block == null ? Optional.empty() : Optional.of(block.data());
    }

    /** Whether the block {@code cid} is held. */
    public synchronized boolean contains(Cid cid) {
        return blocks.containsKey(cid);
    }

    /** The distinct blocks, in the order they first arrived. */
    public synchronized List<Block> blocks() {
        return new ArrayList<>(blocks.values());
    }

    /** The number of distinct blocks. */
    public synchronized int count() {
        return blocks.size();
    }

    /** The total size of the distinct blocks. */
    public synchronized long bytes() {
        return bytes;
    }
}
