package org.phasic.traces.adapter.gateway;

import org.phasic.traces.domain.dag.MemoryBlockStore;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * Whole DAGs verified by re-import from a deserialized-only gateway, kept for a while (least recently used out
 * first, bounded in count and bytes) because getting one file that way means getting all of them: the next file
 * of the same directory then needs no request. Thread-safe.
 */
final class RecentDags {
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Cid, MemoryBlockStore> dags = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    RecentDags(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized void put(Cid root, MemoryBlockStore blocks) {
        if (blocks.bytes() > maxBytes) {
            return;
        }
        MemoryBlockStore old = dags.put(root, blocks);
        bytes += blocks.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<Cid, MemoryBlockStore>> eldest = dags.entrySet().iterator();
        while ((dags.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized Optional<MemoryBlockStore> get(Cid root) {
        return Optional.ofNullable(dags.get(root));
    }
}
