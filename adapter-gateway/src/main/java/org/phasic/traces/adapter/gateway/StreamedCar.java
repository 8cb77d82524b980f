package org.phasic.traces.adapter.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.VerifiedBlockSource;

/**
 * The rest of a large CAR response in traversal order (parents first, as the gateway declared with {@code order=dfs}),
 * handed out while it still arrives: blocks are read from the response as the consumer walks the DAG, each verified
 * against the CID in its section before it is handed out (large ones hashed ahead of the consumer on other threads,
 * in stream order), so a file is staged straight from the response, every block hashed once and copied once. The
 * consumer's walk still checks every block against the CID that links to it and that the DAG is complete.
 *
 * <p>A block that does not hash to its CID drops the gateway (as in the race) and fails the reading with an {@link
 * IOException} whose cause is the {@link CorruptContentException}: the source as a whole did not serve bad content, and
 * asked again it uses the other gateways.
 *
 * <p>Held: the blocks received before the hand-off, every non-leaf block (small), the latest leaves within a budget
 * (a file may repeat a chunk the CAR holds once), and blocks that arrived before they were asked for, within a budget
 * (in traversal order there are none but of entries the consumer skips). More, or a leaf needed again after it was
 * dropped and not sent again right then, fail the reading with a {@link NotStreamableException}, and the gateway's CARs
 * are spilled from then on. How the transfer ended is reported to the attempt once: a failure as soon as the stream
 * fails (a block that does not hash, a malformed or broken-off stream, a limit), a block the stream lacked on {@link
 * #close()}, else success. Owns the response: {@link #close()} releases it (read to the end or not). Not thread-safe:
 * one consumer.
 */
final class StreamedCar implements VerifiedBlockSource, GatewayHttp.ResponseOwner, CarRetrieval.Received, Closeable {
    /**
     * The CAR cannot be read in one pass: too many bytes of blocks arrived before they were asked for (it is not in
     * the order it was declared in), or a block was needed again after it was dropped (a chunk repeated far apart in a
     * CAR without duplicates).
     */
    static final class NotStreamableException extends ContentLimitException {
        NotStreamableException(String message) {
            super(message);
        }
    }

    /** The most bytes of leaves held after they were handed out. */
    static final long KEPT_LEAF_BYTES = 4 << 20;

    private final AttemptContext context;
    private final Response response;
    private final List<Cid> roots;
    private final long aheadLimit;
    private final CarReader.VerifiedBlocks rest;
    private final MemoryBlockStore received;
    private final Map<Cid, Block> nodes = new HashMap<>();
    private final LinkedHashMap<Cid, Block> leaves = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Cid, Block> ahead = new LinkedHashMap<>();
    private final Set<Cid> dropped = new HashSet<>();
    private long leafBytes;
    private long aheadBytes;
    private Block handedOut;
    private RuntimeException failedRuntime;
    private IOException failedIo;
    private boolean ended;
    private Cid missed;
    private boolean closed;

    /**
     * @param received the blocks received (verified) before the hand-off
     * @param next     the block read after them (verified)
     * @param rest     the blocks after {@code next}
     * @param aheadLimit the most bytes of blocks held that arrived before they were asked for
     */
    StreamedCar(AttemptContext context, Response response, List<Cid> roots, MemoryBlockStore received, Block next,
                CarReader.VerifiedBlocks rest, long aheadLimit) {
        this.context = Objects.requireNonNull(context, "context");
        this.response = Objects.requireNonNull(response, "response");
        this.roots = List.copyOf(roots);
        this.received = Objects.requireNonNull(received, "received");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.aheadLimit = aheadLimit;
        hold(Objects.requireNonNull(next, "next"));
    }

    @Override
    public List<Cid> roots() {
        return roots;
    }

    /** The blocks received before the hand-off. */
    MemoryBlockStore received() {
        return received;
    }

    /**
     * @return the block {@code cid}, read from the response up to it if it has not arrived yet; empty when the stream
     *     ended without it
     * @throws ContentLimitException when too many bytes arrive ahead of the walk, or the response exceeds the limit
     * @throws IOException           when the response breaks off, or holds a block that does not hash to its CID or
     *                               is malformed (then caused by a {@link CorruptContentException})
     */
    @Override
    public Optional<Block> block(Cid cid) throws IOException {
        Block held = heldBlock(cid);
        if (held != null) {
            return Optional.of(handOut(held));
        }
        rethrowFailure();
        if (closed) {
            throw new IOException("the CAR stream from " + context.name() + " was closed");
        }
        boolean wasDropped = dropped.contains(cid);
        while (!ended) {
            Block next = readNext();
            if (next == null) {
                ended = true;
                break;
            }
            if (next.cid().equals(cid)) {
                return Optional.of(handOut(next));
            }
            if (wasDropped) {
                break;
            }
            if (heldBlock(next.cid()) == null) {
                hold(next);
            }
        }
        if (wasDropped) {
            throw fail(new NotStreamableException("block " + cid + " was needed again after it was dropped from the CAR"
                    + " stream from " + context.name() + " (limit " + KEPT_LEAF_BYTES + " bytes of leaves)"));
        }
        missed = cid;
        return Optional.empty();
    }

    /** True for the very bytes this source handed out last for {@code cid}: every block here was hashed on arrival. */
    @Override
    public boolean hasVerified(Cid cid, byte[] data) {
        return handedOut != null && handedOut.data() == data && handedOut.cid().equals(cid);
    }

    private Block heldBlock(Cid cid) {
        Block block = received.block(cid).orElse(null);
        if (block == null) {
            block = nodes.get(cid);
        }
        if (block == null) {
            block = leaves.get(cid);
        }
        if (block == null) {
            block = ahead.remove(cid);
            if (block != null) {
                aheadBytes -= block.size();
            }
        }
        return block;
    }

    private Block handOut(Block block) {
        if (block.cid().codec() != Multicodec.RAW) {
            nodes.put(block.cid(), block);
        } else if (!received.contains(block.cid()) && leaves.put(block.cid(), block) == null) {
            leafBytes += block.size();
            dropped.remove(block.cid());
            Iterator<Block> oldest = leaves.values().iterator();
            while (leafBytes > KEPT_LEAF_BYTES && oldest.hasNext()) {
                Block left = oldest.next();
                oldest.remove();
                leafBytes -= left.size();
                dropped.add(left.cid());
            }
        }
        handedOut = block;
        return block;
    }

    /** Holds a block that arrived before it was asked for (one always, however large). */
    private void hold(Block block) {
        if (ahead.put(block.cid(), block) == null) {
            aheadBytes += block.size();
        }
        if (aheadBytes > aheadLimit && ahead.size() > 1) {
            throw fail(new NotStreamableException("more than " + aheadLimit + " bytes of blocks from " + context.name()
                    + " arrived ahead of the traversal, though the gateway declared the CAR in traversal order"));
        }
    }

    private Block readNext() throws IOException {
        Block next;
        try {
            next = rest.next();
        } catch (CorruptContentException e) {
            CorruptContentException corrupt = new CorruptContentException("the CAR from " + context.name() + ": "
                    + e.getMessage(), e);
            context.streamEnded(corrupt);
            failedIo = new IOException("gateway " + context.name() + " served bad content (" + corrupt.getMessage()
                    + "); it is not used again in this session", corrupt);
            throw failedIo;
        } catch (RuntimeException e) {
            throw fail(e);
        } catch (IOException e) {
            failedIo = new IOException("the CAR from " + context.name() + " broke off: " + e.getMessage(), e);
            context.streamEnded(failedIo);
            throw failedIo;
        }
        if (next != null) {
            context.blockReceived(next.size());
        }
        return next;
    }

    private RuntimeException fail(RuntimeException failure) {
        failedRuntime = failure;
        context.streamEnded(failure);
        return failure;
    }

    private void rethrowFailure() throws IOException {
        if (failedIo != null) {
            throw failedIo;
        }
        if (failedRuntime != null) {
            throw failedRuntime;
        }
    }

    /** Releases the response; reports the transfer's outcome unless a failure was reported already. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rest.close();
            response.close();
        } finally {
            context.streamEnded(missed == null ? null : new ContentNotFoundException("incomplete content from "
                    + context.name() + ": its CAR stream lacks block " + missed, missed));
        }
    }

    @Override
    public void release() {
        close();
    }
}
