package org.phasic.traces.adapter.gateway.archviolation;

import org.phasic.traces.adapter.ipfs.archviolation.IpfsFixture;

/** Planted violation: one adapter importing another. Only ArchitectureTest imports it. */
public final class GatewayUsingIpfsAdapter {
    public String name() {
        return new IpfsFixture().name();
    }
}
