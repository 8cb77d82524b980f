package org.phasic.traces.adapter.gateway;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * {@code GET /ipfs/{root}/{path}?format=car&dag-scope=entity} with {@code Accept: application/vnd.ipld.car}.
 * The response must be a CARv1 ({@code Content-Type} checked); it is read with the domain's {@link CarReader}, which
 * verifies every block against its section's CID as it streams (the only time a block is hashed; large blocks on
 * other threads while the response is read on), into a {@link BlockSpill}. Then the blocks must reassemble the whole
 * file, and the CAR's roots must name the requested root (or, for a path, the entity it resolves to). Only then are
 * they handed out, as a {@link BlockFeed.Lookup}: over the verified blocks in memory, or over the private temporary
 * file they spilled to, opened with {@link CarFile#openVerified} (its reads vouch for the blocks hashed on arrival;
 * the file is deleted when the feed is closed).
 *
 * <p>A CAR that outgrows memory and whose {@code Content-Type} declares traversal order ({@code order=dfs}, as
 * Kubo/boxo gateways and {@code serve} send) is not spilled: once its roots check out, the rest of the response is
 * handed out as it arrives ({@link StreamedCar}), so the consumer stages the file straight from the response, and
 * its walk of the DAG (every block against the CID that links to it) is the completeness check. Such an attempt wins
 * the race at the hand-off, and reports later how the transfer ended. Blocks that arrive ahead of the walk are held
 * up to twice the memory buffer; a gateway whose CAR needs more (it did not keep the order it declared), or needs a
 * leaf again long after it passed, has its CARs spilled from then on.
 */
final class CarRetrieval implements Retrieval {
    static final String ACCEPT = "application/vnd.ipld.car;version=1;order=dfs;dups=y";
    /** CARs up to this size stay in memory; larger ones go to a temporary file. */
    static final int MEMORY_BYTES = 8 << 20;
    private static final int SMALL_BUFFER_BYTES = 8 << 10;
    private static final int LARGE_BUFFER_BYTES = 64 << 10;

    /** The most bytes of blocks received but not yet verified and spilled (hashed on other threads meanwhile). */
    static final long HASH_AHEAD_BYTES = 8 << 20;

    private final GatewayHttp http;
    private final DagCheck check;
    private final int memoryBytes;
    private final Executor hashing;
    private final GatewayRanking ranking;

    /**
     * @param hashing threads that hash large blocks while the response is read on
     * @param ranking which gateways' CARs turned out not in the order they declared (spilled, not streamed)
     */
    CarRetrieval(GatewayHttp http, DagCheck check, int memoryBytes, Executor hashing, GatewayRanking ranking) {
        this.http = Objects.requireNonNull(http, "http");
        this.check = Objects.requireNonNull(check, "check");
        this.memoryBytes = memoryBytes;
        this.hashing = Objects.requireNonNull(hashing, "hashing");
        this.ranking = Objects.requireNonNull(ranking, "ranking");
    }

    @Override
    public BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException {
        HttpUrl url = path.appendTo(context.ipfsUrl().addPathSegment(root.toString()))
                .addQueryParameter("format", "car")
                .addQueryParameter("dag-scope", path.isRoot() ? "all" : "entity")
                .build();
        Received car = http.get(context, url, ACCEPT, response -> receive(context, response, root, path));
        if (car instanceof StreamedCar streamed) {
            return handOut(context, streamed, root, path);
        }
        Spilled spill = (Spilled) car;
        CarFile spilled = null;
        try {
            boolean namesRoot = namesRoot(car, root);
            spilled = spill.blocks().file().isPresent() ? CarFile.openVerified(spill.blocks().file().get()) : null;
            Cid entity;
            try {
                entity = requireComplete(spill.blocks(), spilled, root, path, context.name());
            } catch (NotFoundAtGatewayException e) {
                if (namesRoot) {
                    throw e;
                }
                throw wrongRoots(context, car.roots(), root);
            }
            if (!namesRoot && !car.roots().contains(entity)) {
                throw wrongRoots(context, car.roots(), root);
            }
            if (spilled == null) {
                return BlockFeed.Lookup.of(spill.blocks().memory().orElseThrow());
            }
            CarFile file = spilled;
            CarFile.Reads reads = file.reads(1);
            return new BlockFeed.Lookup(reads, () -> closeAll(reads, file, spill.blocks()));
        } catch (IOException | RuntimeException e) {
            closeAll(spilled, spill.blocks());
            throw e;
        }
    }

    private static boolean namesRoot(Received car, Cid root) {
        return car.roots().isEmpty() || car.roots().contains(root);
    }

    /**
     * Hands out the rest of a large CAR in traversal order as it arrives, once its roots name the content asked for
     * (for a path whose root the CAR does not name: the entity it resolves to over the blocks received so far); the
     * consumer's walk checks that the DAG is complete.
     */
    private BlockFeed handOut(AttemptContext context, StreamedCar streamed, Cid root, ContentPath path) throws IOException {
        try {
            if (!namesRoot(streamed, root)) {
                Cid entity;
                try {
                    entity = new Reassembler(check.limits()).resolve(root, path.toString(), streamed.received());
                } catch (ContentNotFoundException e) {
                    throw wrongRoots(context, streamed.roots(), root);
                }
                if (!streamed.roots().contains(entity)) {
                    throw wrongRoots(context, streamed.roots(), root);
                }
            }
            context.startStreaming();
            return new BlockFeed.Lookup(streamed, streamed);
        } catch (IOException | RuntimeException e) {
            streamed.close();
            throw e;
        }
    }

    /** Closes each (nulls skipped), all of them even if one fails. */
    private static void closeAll(Closeable... closeables) throws IOException {
        IOException failed = null;
        for (Closeable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** What a CAR response brought. */
    interface Received {
        /** The CAR's roots. */
        List<Cid> roots();
    }

    /** A CAR read to its end, every block verified: in memory or in a temporary file. */
    private record Spilled(BlockSpill blocks, List<Cid> roots) implements Received {
    }

    private Received receive(AttemptContext context, Response response, Cid root, ContentPath path) throws IOException {
        MediaType type = response.body().contentType();
        if (!isCarV1(type)) {
            throw new NotTrustlessException(context.name() + " answered a CAR request with "
                    + (type == null ? "no Content-Type" : type.toString()));
        }
        ByteBudget budget = new ByteBudget(check.limits().maxTotalBytes(), "the CAR from " + context.name());
        CarReader reader = new CarReader(new BufferedInputStream(context.meter(response.body().byteStream(), budget),
                bufferBytes(response.body().contentLength())));
        List<Cid> roots = reader.roots();
        if (path.isRoot() && !roots.isEmpty() && !roots.contains(root)) {
            throw wrongRoots(context, roots, root);
        }
        boolean traversalOrder = inTraversalOrder(type) && ranking.canStream(context.gateway());
        BlockSpill blocks = new BlockSpill(memoryBytes, roots);
        CarReader.VerifiedBlocks verified = reader.verifiedAhead(hashing, HASH_AHEAD_BYTES);
        try {
            for (Block block = verified.next(); block != null; block = verified.next()) {
                context.blockReceived(block.size());
                if (traversalOrder && !blocks.fitsInMemory(block)) {
                    return new StreamedCar(context, response, roots, blocks.memory().orElseThrow(), block, verified,
                            2L * memoryBytes);
                }
                blocks.accept(block);
            }
            blocks.finish();
            return new Spilled(blocks, roots);
        } catch (IOException | RuntimeException e) {
            verified.close();
            blocks.close();
            throw e;
        }
    }

    /** @return the CID {@code path} resolves to */
    private Cid requireComplete(BlockSpill blocks, CarFile spilled, Cid root, ContentPath path, String from)
            throws IOException {
        if (spilled == null) {
            MemoryBlockStore memory = blocks.memory().orElseThrow();
            return check.requireComplete(root, path, memory, memory, from);
        }
        try (CarFile.Reads reads = spilled.reads()) {
            return check.requireComplete(root, path, reads, spilled, from);
        }
    }

    private static CorruptContentException wrongRoots(AttemptContext context, List<Cid> roots, Cid root) {
        return new CorruptContentException("the CAR from " + context.name() + " has roots " + roots
                + ", not the requested " + root);
    }

    /** A read buffer no larger than the response (CARs of small traces are a few KiB; one buffer per response). */
    private static int bufferBytes(long contentLength) {
        return contentLength <= 0 ? SMALL_BUFFER_BYTES : (int) Math.max(512, Math.min(contentLength, LARGE_BUFFER_BYTES));
    }

    /** Whether the CAR's {@code Content-Type} declares its blocks in traversal order ({@code order=dfs}). */
    static boolean inTraversalOrder(MediaType type) {
        return type != null && "dfs".equalsIgnoreCase(type.parameter("order"));
    }

    static boolean isCarV1(MediaType type) {
        if (type == null || !type.type().equals("application") || !type.subtype().equals("vnd.ipld.car")) {
            return false;
        }
        String version = type.parameter("version");
        return version == null || version.equals("1");
    }
}
