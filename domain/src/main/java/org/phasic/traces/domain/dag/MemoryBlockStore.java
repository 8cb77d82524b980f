package org.phasic.traces.domain.dag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * Blocks held in memory, in the order they first arrived: a {@link BlockSink} for importers and CAR readers,
 * and a {@link VerifiedBlockSource} for reassembly. It holds {@link Block}s, whose bytes hash to their CIDs, so a
 * reader that walks links by CID needs no second hash of what it finds here. Thread-safe.
 */
public final class MemoryBlockStore implements BlockSink, VerifiedBlockSource {
    private final Map<Cid, Block> blocks = new LinkedHashMap<>();
    private long bytes;

    @Override
    public synchronized void accept(Block block) {
        if (blocks.putIfAbsent(block.cid(), block) == null) {
            bytes += block.size();
        }
    }

    @Override
    public synchronized Optional<Block> block(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
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
