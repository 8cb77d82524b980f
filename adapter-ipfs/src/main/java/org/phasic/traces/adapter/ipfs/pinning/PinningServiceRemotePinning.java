package org.phasic.traces.adapter.ipfs.pinning;

import java.io.IOException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.RemotePinning;

/** {@link RemotePinning} over the IPFS Pinning Service API: one {@code POST /pins}, not waiting for the service to finish. */
public final class PinningServiceRemotePinning implements RemotePinning {
    private final PinningServiceClient client;
    private final String name;

    /**
     * @param client the service's client
     * @param name   the service's name, for messages
     */
    public PinningServiceRemotePinning(PinningServiceClient client, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String pin(Cid root, String pinName) throws IOException {
        return client.add(Pin.of(root.toString(), pinName)).status().apiName();
    }

    /** The newest request for {@code root} ({@code GET /pins?cid=...}, every status), by its creation time. */
    @Override
    public Optional<String> status(Cid root) throws IOException {
        return client.list(PinQuery.byCid(root.toString())).results().stream()
                .max(Comparator.comparing(PinStatus::created, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(found -> found.status().apiName());
    }

    @Override
    public String toString() {
        return "PinningServiceRemotePinning[" + name + "]";
    }
}
