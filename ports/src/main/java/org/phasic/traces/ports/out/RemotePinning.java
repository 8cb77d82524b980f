package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * A remote pinning service (IPFS Pinning Service API) asked to keep published content available. It fetches the content
 * from the IPFS network itself, so a node that holds it must be reachable until the service has it.
 */
public interface RemotePinning {
    /** The service's name, for messages. */
    String name();

    /**
     * Requests a pin of {@code root} under {@code name}.
     *
     * @return the service's status of the request, e.g. {@code queued} or {@code pinned}
     * @throws IOException when the service refuses or cannot be reached (the message never contains the token)
     */
    String pin(Cid root, String name) throws IOException;

    /**
     * The service's status of its most recent pin request for {@code root}, e.g. {@code pinned}, or empty when it holds
     * none.
     *
     * @throws IOException when the service refuses or cannot be reached (the message never contains the token)
     */
    Optional<String> status(Cid root) throws IOException;
}
