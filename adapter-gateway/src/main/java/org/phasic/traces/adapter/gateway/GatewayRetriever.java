package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * One gateway's attempt: the retrieval mode that last worked for it (a CAR at first), falling back to raw blocks
 * and then to re-imported files when the gateway does not answer in the trustless format asked for. The fallback
 * is remembered for the gateway.
 */
final class GatewayRetriever {
    private final Map<Retrieval.Mode, Retrieval> retrievals;
    private final GatewayRanking ranking;

    GatewayRetriever(Map<Retrieval.Mode, Retrieval> retrievals, GatewayRanking ranking) {
        this.retrievals = new EnumMap<>(retrievals);
        this.ranking = Objects.requireNonNull(ranking, "ranking");
        for (Retrieval.Mode mode : Retrieval.Mode.values()) {
            Objects.requireNonNull(this.retrievals.get(mode), () -> "no retrieval for " + mode);
        }
    }

    BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException {
        Retrieval.Mode mode = ranking.mode(context.gateway());
        List<String> refusals = new ArrayList<>();
        while (true) {
            try {
                return retrievals.get(mode).retrieve(context, root, path);
            } catch (NotFoundAtGatewayException e) {
                throw e;
            } catch (NotTrustlessException e) {
                refusals.add(e.getMessage());
            } catch (HttpStatusException e) {
                if (!e.formatUnsupported() || mode.next() == null) {
                    throw withRefusals(e, refusals);
                }
                refusals.add(e.getMessage());
            } catch (IOException e) {
                throw withRefusals(e, refusals);
            }
            mode = mode.next();
            if (mode == null) {
                throw new IOException(String.join("; ", refusals));
            }
            ranking.useMode(context.gateway(), mode);
        }
    }

    /** {@code failure}, saying which trustless requests the gateway refused before. */
    private static IOException withRefusals(IOException failure, List<String> refusals) {
        if (refusals.isEmpty()) {
            return failure;
        }
        return new IOException(failure.getMessage() + " (fell back after: " + String.join("; ", refusals) + ")",
                failure);
    }
}
