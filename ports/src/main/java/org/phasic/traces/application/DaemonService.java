package org.phasic.traces.application;

import java.util.Objects;
import org.phasic.traces.ports.in.DaemonUseCase;
import org.phasic.traces.ports.out.LocalIpfsNode;

/** Status and start of the local IPFS node, whatever the active profiles. */
public final class DaemonService implements DaemonUseCase {
    private final LocalIpfsNode node;
    private final boolean profileActive;

    /** @param profileActive whether the profile that fetches through the node is active */
    public DaemonService(LocalIpfsNode node, boolean profileActive) {
        this.node = Objects.requireNonNull(node, "node");
        this.profileActive = profileActive;
    }

    @Override
    public DaemonReport status() {
        return node.status().withProfileActive(profileActive);
    }

    @Override
    public DaemonReport start() {
        return node.start().withProfileActive(profileActive);
    }
}
