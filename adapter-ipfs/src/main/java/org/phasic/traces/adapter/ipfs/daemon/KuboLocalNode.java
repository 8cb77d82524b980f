package org.phasic.traces.adapter.ipfs.daemon;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.phasic.traces.adapter.ipfs.IpfsApiException;
import org.phasic.traces.adapter.ipfs.RepoStat;
import org.phasic.traces.ports.in.DaemonUseCase.ApiSource;
import org.phasic.traces.ports.in.DaemonUseCase.DaemonReport;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.out.LocalIpfsNode;

/** A local Kubo daemon as a {@link LocalIpfsNode}: tier selection, and the repository's size when a daemon answers. */
public final class KuboLocalNode implements LocalIpfsNode {
    private final IpfsDaemonTiers tiers;
    private final KuboClientFactory clients;
    private final Duration callTimeout;
    private final Consumer<String> messages;

    /**
     * @param callTimeout the deadline of status calls
     * @param messages    receives what the user should see (e.g. a failed repository query)
     */
    public KuboLocalNode(IpfsDaemonTiers tiers, KuboClientFactory clients, Duration callTimeout, Consumer<String> messages) {
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public DaemonReport status() {
        DaemonStatus status = tiers.status();
        OptionalLong objects = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();
        if (status.answering()) {
            try {
                RepoStat stat = clients.create(status.apiAddress(), callTimeout).repoStat();
                objects = OptionalLong.of(stat.numObjects());
                bytes = OptionalLong.of(stat.repoSize());
            } catch (IpfsApiException e) {
                messages.accept("repo/stat failed: " + e.getMessage());
            }
        }
        return report(status, objects, bytes);
    }

    @Override
    public DaemonReport start() {
        try {
            return report(tiers.start(), OptionalLong.empty(), OptionalLong.empty());
        } catch (IpfsDaemonException e) {
            throw new OperationFailedException(e.getMessage(), Hint.of(Hint.Kind.INSTALL_OR_POINT_AT_IPFS), e);
        }
    }

    private static DaemonReport report(DaemonStatus status, OptionalLong objects, OptionalLong bytes) {
        ApiSource source = switch (status.apiAddress().source()) {
            case EXPLICIT -> ApiSource.EXPLICIT_SETTING;
            case ENVIRONMENT -> ApiSource.ENVIRONMENT;
            case REPO_API_FILE -> ApiSource.REPO_API_FILE;
            case DEFAULT -> ApiSource.DEFAULT;
        };
        return new DaemonReport(status.tier().level(), status.tier().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                status.apiAddress().baseUri(), source, status.version(), status.repoPath(), objects, bytes,
                status.startedPid(), false, status.hint());
    }
}
