package org.phasic.traces.adapter.ipfs.archviolation;

/** A class in the IPFS adapter for the gateway fixture to (wrongly) depend on. */
public final class IpfsFixture {
    public String name() {
        return "ipfs";
    }
}
