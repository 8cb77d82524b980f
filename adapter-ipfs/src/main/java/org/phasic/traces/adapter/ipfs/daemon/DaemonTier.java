package org.phasic.traces.adapter.ipfs.daemon;

/** How content is fetched and published, fastest first. */
public enum DaemonTier {
    /** Tier 3: a daemon (service or one left running earlier) answers. */
    DAEMON(3),
    /** Tier 2: no daemon answered, the {@code ipfs} command is installed and one was (or will be) started. */
    AUTO_START(2),
    /** Tier 1: no daemon; public HTTP gateways are used. */
    GATEWAYS(1);

    private final int level;

    DaemonTier(int level) {
        this.level = level;
    }

    /** 3, 2 or 1. */
    public int level() {
        return level;
    }
}
