package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * The node's pin of {@code root} as {@code pin/ls} names it ({@code pinned}, or {@code pinned (indirect)} when
     * only a parent's recursive pin holds it), or empty when the node answers that it is not pinned.
     */
    @Override
    public Optional<String> status(Cid root) throws IOException {
        try {
            return client.pinLs(Optional.of(root.toString()), PinType.ALL).stream().findFirst()
                    .map(pin -> pin.type().equals("recursive") ? "pinned" : "pinned (" + pin.type() + ")");
        } catch (IpfsApiException e) {
            if (String.valueOf(e.getMessage()).contains("not pinned")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "KuboPinning[" + client.address().baseUri() + "]";
    }
}
