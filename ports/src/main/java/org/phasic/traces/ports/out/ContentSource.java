package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * A place trace content can come from: the bundled library, a private mirror, an IPFS daemon, HTTP gateways.
 * Sources hand out untrusted blocks; the fetch service verifies every block against its CID before anything
 * is stored, so a source never needs to be trusted.
 */
public interface ContentSource {

    /** A short name for messages, e.g. {@code gateway https://ipfs.io}. */
    String name();

    /** Whether using this source needs the network (network sources are skipped when offline). */
    boolean usesNetwork();

    /** Where this source sits in the fetch chain: lower goes first (see {@link Tier}). */
    int order();

    /**
     * Opens the blocks needed to read {@code path} below the directory {@code root} (an empty path means the
     * whole DAG), or returns empty when this source does not have {@code root}.
     *
     * @throws IOException when the source fails (network error, server error, refused request)
     */
    Optional<BlockFeed> open(Cid root, String path) throws IOException;

    /** Conventional {@link #order()} values, in the order of the fetch chain. */
    final class Tier {
        public static final int BUNDLE = 100;
        public static final int MIRROR = 200;
        public static final int DAEMON = 300;
        public static final int GATEWAY = 400;

        private Tier() {
        }
    }
}
