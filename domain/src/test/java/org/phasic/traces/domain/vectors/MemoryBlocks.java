package org.phasic.traces.domain.vectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.dag.BlockSource;

/** Blocks in memory: a sink for importers and a source for reassembly, counting fetches. */
public final class MemoryBlocks implements BlockSink, BlockSource {

    private final Map<Cid, byte[]> blocks = new LinkedHashMap<>();
    private final List<Block> order = new ArrayList<>();
    private int fetches;

    @Override
    public void accept(Block block) {
        if (blocks.putIfAbsent(block.cid(), block.data()) == null) {
            order.add(block);
        }
    }

    /** Stores bytes under a CID without checking them (to plant bad blocks). */
    public MemoryBlocks put(Cid cid, byte[] data) {
        blocks.put(cid, data);
        return this;
    }

    public MemoryBlocks remove(Cid cid) {
        blocks.remove(cid);
        return this;
    }

    @Override
    public Optional<byte[]> fetch(Cid cid) {
        fetches++;
        return Optional.ofNullable(blocks.get(cid));
    }

    /** Distinct blocks in the order they were first accepted. */
    public List<Block> blocks() {
        return order;
    }

    public int fetches() {
        return fetches;
    }
}
