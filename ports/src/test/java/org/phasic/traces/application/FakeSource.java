package org.phasic.traces.application;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/** A {@link ContentSource} whose behaviour is a lambda; counts how often it was opened. */
final class FakeSource implements ContentSource {
    @FunctionalInterface
    interface Opener {
        Optional<BlockFeed> open(Cid root, String path) throws IOException;
    }

    private final String name;
    private final boolean network;
    private final int order;
    private final Opener opener;
    private final AtomicInteger opens = new AtomicInteger();

    FakeSource(String name, boolean network, int order, Opener opener) {
        this.name = name;
        this.network = network;
        this.order = order;
        this.opener = opener;
    }

    /** Serves whatever {@code blocks} holds (untrusted: it may hold altered bytes). */
    static FakeSource serving(String name, boolean network, int order, BlockSource blocks) {
        return new FakeSource(name, network, order,
                (root, path) -> blocks.fetch(root).isPresent() ? Optional.of(BlockFeed.Lookup.of(blocks)) : Optional.empty());
    }

    /** Fails the test when opened. */
    static FakeSource tripwire(String name, boolean network, int order) {
        return new FakeSource(name, network, order, (root, path) -> fail(name + " must not be touched, but was asked for " + root + "/" + path));
    }

    /** Fails like a network error. */
    static FakeSource failing(String name, int order, String message) {
        return new FakeSource(name, true, order, (root, path) -> {
            throw new IOException(message);
        });
    }

    int opens() {
        return opens.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean usesNetwork() {
        return network;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Optional<BlockFeed> open(Cid root, String path) throws IOException {
        opens.incrementAndGet();
        return opener.open(root, path);
    }
}
