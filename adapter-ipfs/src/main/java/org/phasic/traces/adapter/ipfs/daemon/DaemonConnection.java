package org.phasic.traces.adapter.ipfs.daemon;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.phasic.traces.adapter.ipfs.KuboRpcClient;

/** How a {@link DaemonContentSource} reaches its daemon: a fixed client, or tier selection on first use. */
@FunctionalInterface
public interface DaemonConnection {

    /** The client of a daemon that answers, or empty when no daemon can be used (tier 1: gateways). */
    Optional<KuboRpcClient> client();

    /** Always {@code client}. */
    static DaemonConnection fixed(KuboRpcClient client) {
        Optional<KuboRpcClient> fixed = Optional.of(client);
        return () -> fixed;
    }

    /**
     * Runs tier selection ({@link IpfsDaemonTiers#connect()}, which may start a daemon) once, on the
     * first call, and remembers the outcome. In tier 1 the status hint is passed to {@code notices}
     * once, as is a malformed API address (the daemon is then not used).
     *
     * @param clients     makes the client for the address tier selection found
     * @param callTimeout the deadline of each content call (also sent as {@code timeout=})
     */
    static DaemonConnection onFirstUse(IpfsDaemonTiers tiers, KuboClientFactory clients, Duration callTimeout,
                                       Consumer<String> notices) {
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(notices, "notices");
        return new DaemonConnection() {
            private Optional<KuboRpcClient> client;

            @Override
            public synchronized Optional<KuboRpcClient> client() {
                if (client == null) {
                    client = select();
                }
                return client;
            }

            private Optional<KuboRpcClient> select() {
                DaemonStatus status;
                try {
                    status = tiers.connect();
                } catch (IllegalArgumentException e) {
                    notices.accept("IPFS daemon not used: " + e.getMessage());
                    return Optional.empty();
                }
                if (!status.answering()) {
                    notices.accept(status.hint());
                    return Optional.empty();
                }
                return Optional.of(clients.create(status.apiAddress(), callTimeout));
            }
        };
    }
}
