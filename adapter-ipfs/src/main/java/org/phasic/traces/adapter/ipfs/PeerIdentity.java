package org.phasic.traces.adapter.ipfs;

import java.util.List;
import java.util.Objects;

/**
 * The daemon's answer to {@code id}.
 *
 * @param id           the peer id
 * @param agentVersion for example {@code kubo/0.29.0/} or {@code js-ipfs/0.18.1}
 * @param addresses    the addresses it listens on
 */
public record PeerIdentity(String id, String agentVersion, List<String> addresses) {

    public PeerIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agentVersion, "agentVersion");
        addresses = List.copyOf(addresses);
    }
}
