package org.phasic.traces.adapter.gateway;

import org.phasic.traces.domain.dag.MemoryBlockStore;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * Content from public or private IPFS HTTP gateways, never trusted (IPFS Trustless Gateway specification).
 *
 * <p>For each {@link #open} the gateways race (see {@link GatewayRace}): the best ranked one starts, and the next
 * one joins whenever the newest has received nothing for the hedge delay or has failed; the first whose content
 * verified completely wins and the rest are cancelled, all within the deadline. Each gateway is asked, in this
 * order of preference (the fallback it needed is remembered for it):
 * <ol>
 *   <li>a CAR: {@code GET /ipfs/{root}/{path}?format=car&dag-scope=entity}, {@code Accept:
 *       application/vnd.ipld.car}; the response must be a CARv1 for the root, every block verifies as it streams,
 *       and the file must be complete; handed out as a {@link BlockFeed.Lookup} over the verified blocks (each hashed
 *       once, as it arrived): in memory up to 8 MiB of them, beyond that in a private temporary CAR file, deleted when
 *       the feed is closed, whose blocks are vouched for without being hashed again; but a larger CAR whose gateway
 *       declares traversal order ({@code order=dfs}) is handed out while it arrives, each block verified before it is
 *       handed out, the consumer's walk checking it is complete (see {@link CarRetrieval});</li>
 *   <li>raw blocks, when the gateway ignores the CAR request: {@code GET /ipfs/{cid}?format=raw}, {@code Accept:
 *       application/vnd.ipld.raw}, one request per block while walking the DAG, each block verified; handed out as
 *       a {@link BlockFeed.Lookup} over the blocks in memory;</li>
 *   <li>deserialized files, when the gateway ignores both (like the js-ipfs gateway): accepted only if they
 *       re-import (under the configured import profile, or another preset of the root's CID version) to exactly
 *       the requested root CID, see {@link DeserializedRetrieval}; handed out as a Lookup over the re-imported
 *       blocks.</li>
 * </ol>
 * The consumer of a feed walks every block again from the root CID: blocks handed out in memory are {@link
 * org.phasic.traces.domain.dag.Block}s, which are only made by hashing; those of a temporary file are vouched for by
 * {@link org.phasic.traces.domain.car.CarFile#openVerified} (hashed as they arrived). A gateway that
 * served a block that does not match its CID (or a CAR for another root) is dropped for the rest of the session;
 * other failures count against its rank. Requests are retried on 429, 5xx and dropped connections with backoff and
 * jitter, honouring {@code Retry-After}. Thread-safe; {@link #close()} releases threads and connections.
 */
public final class GatewayContentSource implements ContentSource, Closeable {
    private static final int RECENT_DAGS = 16;
    private static final long RECENT_DAG_BYTES = 64L << 20;

    private final GatewaySettings settings;
    private final OkHttpClient client;
    private final TransferProgress progress;
    private final Notices notices;
    private final GatewayRanking ranking;
    private final GatewayRetriever retriever;
    private final DagCheck check;
    private final RecentDags recent = new RecentDags(RECENT_DAGS, RECENT_DAG_BYTES);
    private final ExecutorService attempts = GatewayHttpClient.daemonPool("phasic-traces gateway attempt");
    private final ExecutorService hashing = GatewayHttpClient.daemonPool("phasic-traces gateway hash",
            Runtime.getRuntime().availableProcessors());

    /**
     * The source over a specialisation of {@code http}.
     *
     * @param http the shared HTTP client (proxies, connection pool); this source sets its own timeouts, per-host
     *             limit, redirect policy and headers on a {@code newBuilder()} of it
     */
    public static GatewayContentSource create(GatewaySettings settings, OkHttpClient http, TransferProgress progress,
                                              Notices notices) {
        return new GatewayContentSource(settings, GatewayHttpClient.create(http, settings), progress, notices);
    }

    /**
     * The source over {@code client}, which should come from {@link #create}'s configuration (tests add event
     * listeners to it).
     */
    GatewayContentSource(GatewaySettings settings, OkHttpClient client, TransferProgress progress, Notices notices) {
        this(settings, client, progress, notices, Sleeper.REAL, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    GatewayContentSource(GatewaySettings settings, OkHttpClient client, TransferProgress progress, Notices notices,
                         Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this(settings, client, progress, notices, sleeper, clock, random, CarRetrieval.MEMORY_BYTES);
    }

    GatewayContentSource(GatewaySettings settings, OkHttpClient client, TransferProgress progress, Notices notices,
                         Sleeper sleeper, Clock clock, DoubleSupplier random, int carMemoryBytes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.ranking = new GatewayRanking(settings.gateways());
        GatewayHttp http = new GatewayHttp(client, new RetryPolicy(settings.retries(), settings.retryBaseDelay(),
                settings.maxRetryDelay(), random), sleeper, clock);
        this.check = new DagCheck(ReassemblyLimits.DEFAULTS.withMaxTotalBytes(settings.maxBytes()));
        Map<Retrieval.Mode, Retrieval> retrievals = new EnumMap<>(Retrieval.Mode.class);
        retrievals.put(Retrieval.Mode.CAR, new CarRetrieval(http, check, carMemoryBytes, hashing, ranking));
        retrievals.put(Retrieval.Mode.RAW, new RawBlockRetrieval(http, check));
        retrievals.put(Retrieval.Mode.DESERIALIZED, new DeserializedRetrieval(http, check, settings.importProfile(),
                recent));
        this.retriever = new GatewayRetriever(retrievals, ranking);
    }

    @Override
    public String name() {
        return "gateways " + settings.gateways().stream().map(GatewayEndpoint::toString)
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean usesNetwork() {
        return true;
    }

    @Override
    public int order() {
        return Tier.GATEWAY;
    }

    /**
     * Races the gateways for {@code root/path} as the class describes.
     *
     * @return a feed of blocks that already verified completely, or empty when every gateway answered that it
     *     does not have the content (404/410, or no such entry)
     * @throws IOException naming each gateway's failure, when none delivered verified content in time
     * @throws org.phasic.traces.domain.cid.UnsafePathException when {@code path} holds an unsafe entry name
     */
    @Override
    public Optional<BlockFeed> open(Cid root, String path) throws IOException {
        Objects.requireNonNull(root, "root");
        ContentPath checked = ContentPath.parse(path);
        String what = checked.isRoot() ? root.toString() : root + "/" + checked;
        Optional<MemoryBlockStore> known = recent.get(root);
        if (known.isPresent()) {
            try {
                check.requireComplete(root, checked, known.get(), known.get(), "the copy verified earlier");
                return Optional.of(BlockFeed.Lookup.of(known.get()));
            } catch (NotFoundAtGatewayException e) {
                return Optional.empty();
            }
        }
        GatewayRace race = new GatewayRace(ranking.order(), Deadline.after(settings.deadline()),
                settings.hedgeDelay(), attempts, ranking, progress, notices, what);
        return race.run(context -> retriever.retrieve(context, root, checked));
    }

    /** The gateways still in use, best first (gateways that served bad content are left out). */
    public List<String> ranking() {
        return ranking.order().stream().map(GatewayEndpoint::toString).toList();
    }

    GatewayRanking rankingRecord() {
        return ranking;
    }

    GatewaySettings settings() {
        return settings;
    }

    /** Stops the threads and closes the idle connections; in-flight fetches fail. */
    @Override
    public void close() {
        attempts.shutdownNow();
        hashing.shutdown();
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
