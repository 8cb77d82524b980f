package org.phasic.traces.adapter.gateway;

import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.VerifiedBlockSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * Walks the DAG of {@code root/path} block by block: {@code GET /ipfs/{cid}?format=raw} with
 * {@code Accept: application/vnd.ipld.raw}. Each response must be {@code application/vnd.ipld.raw} and hash to
 * the CID asked for. The blocks are kept in memory (bounded by the byte limit) and handed out as a
 * {@link BlockFeed.Lookup} once the whole file reassembled.
 */
final class RawBlockRetrieval implements Retrieval {
    static final String ACCEPT = "application/vnd.ipld.raw";

    private final GatewayHttp http;
    private final DagCheck check;

    RawBlockRetrieval(GatewayHttp http, DagCheck check) {
        this.http = Objects.requireNonNull(http, "http");
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException {
        MemoryBlockStore blocks = new MemoryBlockStore();
        ByteBudget budget = new ByteBudget(check.limits().maxTotalBytes(), "the blocks from " + context.name());
        VerifiedBlockSource walked = cid -> {
            Optional<Block> known = blocks.block(cid);
            if (known.isPresent()) {
                return known;
            }
            Optional<Block> fetched = fetch(context, cid, budget);
            fetched.ifPresent(blocks::accept);
            return fetched;
        };
        check.requireComplete(root, path, walked, blocks, context.name());
        return BlockFeed.Lookup.of(blocks);
    }

    private Optional<Block> fetch(AttemptContext context, Cid cid, ByteBudget budget) throws IOException {
        HttpUrl url = context.ipfsUrl().addPathSegment(cid.toString()).addQueryParameter("format", "raw").build();
        try {
            return Optional.of(http.get(context, url, ACCEPT, response -> receive(context, response, cid, budget)));
        } catch (NotFoundAtGatewayException e) {
            return Optional.empty();
        }
    }

    private Block receive(AttemptContext context, Response response, Cid cid, ByteBudget budget) throws IOException {
        MediaType type = response.body().contentType();
        if (type == null || !type.type().equals("application") || !type.subtype().equals("vnd.ipld.raw")) {
            throw new NotTrustlessException(context.name() + " answered a raw block request with "
                    + (type == null ? "no Content-Type" : type.toString()));
        }
        int maxBlock = check.limits().maxBlockBytes();
        byte[] data;
        try (InputStream in = context.meter(response.body().byteStream(), budget)) {
            data = in.readNBytes(maxBlock + 1);
        }
        if (data.length > maxBlock) {
            throw new ContentLimitException("block " + cid + " from " + context.name() + " is larger than "
                    + maxBlock + " bytes");
        }
        Block block;
        try {
            block = Block.verified(cid, data);
        } catch (CorruptContentException e) {
            throw new CorruptContentException("block hash mismatch: the " + data.length + " bytes " + context.name()
                    + " served for " + cid + " do not hash to it", e);
        }
        context.blockReceived(data.length);
        return block;
    }
}
