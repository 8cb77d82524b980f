package org.phasic.traces.adapter.ipfs.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.phasic.traces.adapter.ipfs.IpfsApiException;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/**
 * Content from an IPFS daemon's RPC API (tier 3 or 2), one block at a time with {@code block/get}.
 *
 * <p>Why blocks and not {@code dag/export}: only the blocks on the path to the wanted file are fetched
 * (not the whole directory), every call has its own deadline (a large file over a slow network is not
 * cut off by one deadline for the whole export), and "the daemon cannot find it" is told apart cleanly:
 * when the root block does not arrive within the timeout (or the daemon says it is not found),
 * {@link #open} returns empty and the fetch chain moves on. Blocks are untrusted; the fetch chain checks
 * each against its CID.
 */
public final class DaemonContentSource implements ContentSource {

    /** Larger than any block IPFS exchanges (bitswap's limit is 2 MiB). */
    static final int MAX_BLOCK_BYTES = 4 << 20;
    private static final Pattern ABSENT = Pattern.compile(
            "(?i)not found|could not find|deadline exceeded|timed? ?out|context canceled");

    private final DaemonConnection connection;

    public DaemonContentSource(DaemonConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String name() {
        return "IPFS daemon";
    }

    /** True: it is a local API, but the daemon itself goes to the network, so it is skipped offline. */
    @Override
    public boolean usesNetwork() {
        return true;
    }

    @Override
    public int order() {
        return Tier.DAEMON;
    }

    @Override
    public Optional<BlockFeed> open(Cid root, String path) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(path, "path");
        Optional<KuboRpcClient> client = connection.client();
        if (client.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> rootBlock = fetch(client.get(), root);
        if (rootBlock.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BlockFeed.Lookup.of(new RecentBlocks(client.get(), root, rootBlock.get())));
    }

    /** One block, or empty when the daemon does not have it (within the call's timeout). */
    static Optional<byte[]> fetch(KuboRpcClient client, Cid cid) throws IOException {
        try (InputStream in = client.blockGet(cid.toString())) {
            byte[] data = in.readNBytes(MAX_BLOCK_BYTES + 1);
            if (data.length > MAX_BLOCK_BYTES) {
                throw new IpfsApiException("block/get", IpfsApiException.Kind.IO,
                        "the answer for " + cid + " exceeds " + MAX_BLOCK_BYTES + " bytes");
            }
            return Optional.of(data);
        } catch (IpfsApiException e) {
            if (isAbsent(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Blocks of one feed; keeps the last few so a walk that asks twice (resolve, then read) fetches once. */
    private static final class RecentBlocks implements BlockSource {
        private static final int KEPT = 8;
        private final KuboRpcClient client;
        private final Map<Cid, byte[]> recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Cid, byte[]> eldest) {
                return size() > KEPT;
            }
        };

        RecentBlocks(KuboRpcClient client, Cid root, byte[] rootBlock) {
            this.client = client;
            recent.put(root, rootBlock);
        }

        @Override
        public synchronized Optional<byte[]> fetch(Cid cid) throws IOException {
            byte[] kept = recent.get(cid);
            if (kept != null) {
                return Optional.of(kept);
            }
            Optional<byte[]> fetched = DaemonContentSource.fetch(client, cid);
            fetched.ifPresent(data -> recent.put(cid, data));
            return fetched;
        }
    }

    private static boolean isAbsent(IpfsApiException e) {
        return switch (e.kind()) {
            case TIMEOUT -> true;
            case HTTP_ERROR, STREAM_ERROR -> ABSENT.matcher(e.getMessage()).find();
            case UNREACHABLE, IO -> false;
        };
    }
}
