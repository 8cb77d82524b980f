package org.phasic.traces.adapter.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSource;

/**
 * Blocks already checked against their CIDs, in memory, as a {@link BlockSource} for a
 * {@link org.phasic.traces.ports.out.BlockFeed.Lookup} feed (whose consumer checks them once more). Thread-safe.
 */
final class VerifiedBlocks implements BlockSource {
    private final Map<Cid, byte[]> blocks = new LinkedHashMap<>();
    private long bytes;

    synchronized void add(Block block) {
        if (blocks.putIfAbsent(block.cid(), block.data()) == null) {
            bytes += block.size();
        }
    }

    @Override
    public synchronized Optional<byte[]> fetch(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
    }

    synchronized int count() {
        return blocks.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
