package org.phasic.traces.adapter.gateway;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The record of each gateway in this process: successes and errors rank it (best success rate first, Laplace
 * smoothed, configured order breaking ties), a gateway that served bad content is dropped for the rest of the
 * session, and the retrieval mode that worked is remembered, as is a gateway whose CAR could not be streamed (not in
 * the traversal order it declared, or a chunk repeated far apart without duplicates: its CARs are spilled from then
 * on). Thread-safe.
 */
final class GatewayRanking {

    /** One gateway's record. */
    record Standing(GatewayEndpoint gateway, int successes, int errors, Optional<String> droppedBecause,
                    Retrieval.Mode mode) {
        double score() {
            return (successes + 1.0) / (successes + errors + 2.0);
        }
    }

    private final List<GatewayEndpoint> configured;
    private final Map<GatewayEndpoint, Standing> standings = new HashMap<>();
    private final Set<GatewayEndpoint> unstreamable = new HashSet<>();

    GatewayRanking(List<GatewayEndpoint> configured) {
        this.configured = List.copyOf(configured);
        configured.forEach(gateway -> standings.put(gateway,
                new Standing(gateway, 0, 0, Optional.empty(), Retrieval.Mode.CAR)));
    }

    /** The gateways still in use, best first. */
    synchronized List<GatewayEndpoint> order() {
        return IntStream.range(0, configured.size()).boxed()
                .filter(i -> standings.get(configured.get(i)).droppedBecause().isEmpty())
                .sorted(Comparator.comparingDouble((Integer i) -> -standings.get(configured.get(i)).score())
                        .thenComparing(i -> i))
                .map(configured::get)
                .toList();
    }

    synchronized List<Standing> standings() {
        return configured.stream().map(standings::get).toList();
    }

    synchronized void success(GatewayEndpoint gateway) {
        Standing s = standings.get(gateway);
        standings.put(gateway, new Standing(gateway, s.successes() + 1, s.errors(), s.droppedBecause(), s.mode()));
    }

    synchronized void error(GatewayEndpoint gateway) {
        Standing s = standings.get(gateway);
        standings.put(gateway, new Standing(gateway, s.successes(), s.errors() + 1, s.droppedBecause(), s.mode()));
    }

    /** @return whether the gateway was in use until now */
    synchronized boolean drop(GatewayEndpoint gateway, String reason) {
        Standing s = standings.get(gateway);
        standings.put(gateway, new Standing(gateway, s.successes(), s.errors() + 1,
                s.droppedBecause().or(() -> Optional.of(reason)), s.mode()));
        return s.droppedBecause().isEmpty();
    }

    /** The gateway sent a CAR that could not be read in one pass, though its {@code Content-Type} declared traversal order. */
    synchronized void cannotStream(GatewayEndpoint gateway) {
        unstreamable.add(gateway);
    }

    /** Whether a CAR from the gateway may be streamed when it declares traversal order. */
    synchronized boolean canStream(GatewayEndpoint gateway) {
        return !unstreamable.contains(gateway);
    }

    synchronized Retrieval.Mode mode(GatewayEndpoint gateway) {
        return standings.get(gateway).mode();
    }

    synchronized void useMode(GatewayEndpoint gateway, Retrieval.Mode mode) {
        Standing s = standings.get(gateway);
        standings.put(gateway, new Standing(gateway, s.successes(), s.errors(), s.droppedBecause(), mode));
    }
}
