package org.phasic.traces.application;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.concurrent.DaemonThreads;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.unixfs.UnixFsData;

/**
 * Hands out the blocks of a list, in order, each checked against its CID once. Blocks that are ranges of stored files
 * (when there are a few) are read and hashed ahead on shared threads while the caller writes the ones before, so a large file streams at
 * the speed of hashing on every core rather than of one thread reading, hashing and writing in turn. Memory stays
 * bounded: at most {@link #WINDOW} blocks ahead per stream, and all streams together hold at most
 * {@link #BUDGET_KIB} KiB read ahead (beyond, blocks are read in turn).
 */
final class VerifiedBlockStream {
    static final int WINDOW = 8;
    /** Fewer file-range blocks than this are read in turn: a hand-off to another thread costs more than it saves. */
    static final int MIN_CHUNKS = 4;
    static final int BUDGET_KIB = 32 << 10;
    private static final Semaphore BUDGET = new Semaphore(BUDGET_KIB);
    private static final ExecutorService VERIFIERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), DaemonThreads.numbered("serve-verify"));

    /** Receives the checked blocks in order. */
    @FunctionalInterface
    interface BlockWriter {
        void write(Block block) throws IOException;
    }

    private VerifiedBlockStream() {
    }

    /** Writes the checked blocks of {@code cids} to {@code writer}, in order. */
    static void forEach(VerifiedBlockIndex blocks, List<Cid> cids, BlockWriter writer) throws IOException {
        ArrayDeque<Ahead> window = new ArrayDeque<>();
        boolean readAhead = cids.stream().filter(blocks::isChunk).limit(MIN_CHUNKS).count() >= MIN_CHUNKS;
        int next = 0;
        try {
            for (int i = 0; i < cids.size(); i++) {
                next = Math.max(next, i);
                while (readAhead && next < cids.size() && window.size() < WINDOW && blocks.isChunk(cids.get(next))) {
                    int kib = Math.max(1, blocks.approximateLength(cids.get(next)) >> 10);
                    if (!BUDGET.tryAcquire(kib)) {
                        break;
                    }
                    Cid ahead = cids.get(next);
                    window.add(new Ahead(VERIFIERS.submit(() -> checked(blocks, ahead)), kib));
                    next++;
                }
                Ahead head = i < next ? window.poll() : null;
                if (head == null) {
                    writer.write(checked(blocks, cids.get(i)));
                    continue;
                }
                try {
                    writer.write(head.get());
                } finally {
                    BUDGET.release(head.kib());
                }
            }
        } finally {
            for (Ahead left : window) {
                left.future().cancel(false);
                BUDGET.release(left.kib());
            }
        }
    }

    /**
     * Appends the blocks below {@code cid} to {@code order}, depth first; with {@code listed}, each block and what is
     * below it only once (a CAR without duplicates), without, every occurrence (a file's bytes).
     */
    static void below(VerifiedBlockIndex blocks, Cid cid, List<Cid> order, Set<Cid> listed) {
        for (PBLink link : blocks.links(cid)) {
            if (listed == null || listed.add(link.hash())) {
                order.add(link.hash());
                below(blocks, link.hash(), order, listed);
            }
        }
    }

    /**
     * Writes the bytes of the file {@code file}: its blocks depth first, each checked, every node's data before its
     * children's. The index holds only DAGs the importer re-derived to a proven CID and every block is checked against
     * its CID, so no other structure check is needed.
     *
     * @return the bytes written
     */
    static long writeFile(VerifiedBlockIndex blocks, Cid file, OutputStream out) throws IOException {
        List<Cid> order = new ArrayList<>();
        order.add(file);
        below(blocks, file, order, null);
        long[] written = {0};
        forEach(blocks, order, block -> {
            if (block.cid().codec() == Multicodec.RAW) {
                block.writeTo(out);
                written[0] += block.size();
            } else {
                UnixFsData data = PBNode.decode(block.data()).decodeData(UnixFsData::decode);
                data.writeDataTo(out);
                written[0] += data.dataLength();
            }
        });
        return written[0];
    }

    /** How many KiB all streams may still read ahead. */
    static int availableKib() {
        return BUDGET.availablePermits();
    }

    /** {@code cid}'s block from the index, checked against the CID. */
    static Block checked(VerifiedBlockIndex blocks, Cid cid) throws IOException {
        return Block.verified(cid, blocks.fetch(cid).orElseThrow(() -> new CorruptContentException("block " + cid + " left the store")));
    }

    private record Ahead(Future<Block> future, int kib) {
        Block get() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            }
        }
    }
}
