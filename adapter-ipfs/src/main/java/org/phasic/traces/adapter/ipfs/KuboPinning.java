package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.RemotePinning;

/**
 * Pins content on a Kubo node over its RPC API ({@code pin/add}, recursive): the node fetches what it lacks from the
 * IPFS network and keeps the whole DAG.
 */
public final class KuboPinning implements RemotePinning {
    private final KuboRpcClient client;

    /** @param client the node's API client (its timeout bounds the fetch) */
    public KuboPinning(KuboRpcClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String name() {
        return "IPFS daemon at " + client.address().baseUri();
    }

    @Override
    public String pin(Cid root, String name) throws IOException {
        client.pinAdd(root.toString(), true);
        return "pinned";
    }

    @Override
    public String toString() {
        return "KuboPinning[" + client.address().baseUri() + "]";
    }
}
