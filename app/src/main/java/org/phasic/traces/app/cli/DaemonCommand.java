package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phasic.traces.adapter.ipfs.IpfsApiException;
import org.phasic.traces.adapter.ipfs.RepoStat;
import org.phasic.traces.adapter.ipfs.daemon.DaemonStatus;
import org.phasic.traces.adapter.ipfs.daemon.IpfsDaemonException;
import org.phasic.traces.adapter.ipfs.daemon.IpfsDaemonTiers;
import org.phasic.traces.app.composition.DaemonProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daemon}: which IPFS tier fetches would use, and starting a local daemon. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "The local IPFS daemon used by profile daemon: status and start.",
        subcommands = {DaemonCommand.Status.class, DaemonCommand.Start.class})
public final class DaemonCommand implements Runnable {
    private static final String DAEMON_PROFILE = "daemon";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code daemon status}: tier, API address, version and repository, without starting anything. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show which tier fetches use: 3 a running IPFS daemon, 2 one that would be",
            "started (the ipfs command is installed), 1 HTTP gateways; with the API address, version and repository."})
    public static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            DaemonStatus status = DaemonProfile.tiers(context.injector(), context::note).status();
            Optional<RepoStat> repo = status.answering() ? repoStat(context, status) : Optional.empty();
            boolean active = context.configuration().profiles().contains(DAEMON_PROFILE);
            if (json) {
                context.out().println(EntryJson.write(toJson(status, repo, active)));
            } else {
                context.out().println("tier:     " + tierText(status));
                context.out().println("api:      " + status.apiAddress().baseUri() + " (" + sourceText(status) + ")");
                context.out().println("version:  " + status.version().orElse("none (no daemon answers)"));
                context.out().println("repo:     " + status.repoPath() + repo.map(DaemonCommand::repoText).orElse(""));
                context.out().println("profile:  " + (active ? "daemon is active"
                        : "daemon is not active (use --profile daemon)"));
                context.note(status.hint());
            }
            context.out().flush();
            return ExitCode.OK;
        }

        private static Optional<RepoStat> repoStat(CliContext context, DaemonStatus status) {
            try {
                return Optional.of(DaemonProfile.clientFactory(context.injector())
                        .create(status.apiAddress(), DaemonProfile.callTimeout(context.configuration())).repoStat());
            } catch (IpfsApiException e) {
                context.note("repo/stat failed: " + e.getMessage());
                return Optional.empty();
            }
        }

        private static ObjectNode toJson(DaemonStatus status, Optional<RepoStat> repo, boolean active) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            node.put("tier", status.tier().level());
            node.put("tierName", tierName(status));
            node.put("api", status.apiAddress().baseUri().toString());
            node.put("apiSource", sourceText(status));
            node.put("answering", status.answering());
            if (status.version().isPresent()) {
                node.put("version", status.version().get());
            } else {
                node.putNull("version");
            }
            node.put("repo", status.repoPath().toString());
            repo.ifPresent(stat -> {
                node.put("repoObjects", stat.numObjects());
                node.put("repoBytes", stat.repoSize());
            });
            node.put("profileActive", active);
            node.put("hint", status.hint());
            return node;
        }
    }

    /** {@code daemon start}: tier 2 on request; a daemon that already answers is left alone. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start an IPFS daemon (Kubo's ipfs command) for the repository, initialising it",
            "if needed; it keeps running in the background. Does nothing if a daemon already answers."})
    public static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            IpfsDaemonTiers tiers = DaemonProfile.tiers(context.injector(), context::note);
            DaemonStatus status;
            try {
                status = tiers.start();
            } catch (IpfsDaemonException e) {
                context.err().println("phasic-traces: " + e.getMessage());
                context.err().println("  hint: install Kubo (the ipfs command) or point ipfs.api / IPFS_API at a running daemon");
                context.err().flush();
                return ExitCode.FAILED;
            }
            if (status.startedPid().isPresent()) {
                context.out().println("started IPFS " + status.version().orElse("?") + " at " + status.apiAddress().baseUri()
                        + " (pid " + status.startedPid().getAsLong() + "), repo " + status.repoPath());
                context.out().println("it keeps running; stop it with: IPFS_PATH=" + status.repoPath() + " ipfs shutdown");
            } else {
                context.out().println("already running: IPFS " + status.version().orElse("?") + " at "
                        + status.apiAddress().baseUri() + ", repo " + status.repoPath() + " (not started again)");
            }
            context.out().flush();
            return ExitCode.OK;
        }
    }

    private static String tierText(DaemonStatus status) {
        return status.tier().level() + " (" + tierName(status) + ")";
    }

    private static String tierName(DaemonStatus status) {
        return status.tier().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String sourceText(DaemonStatus status) {
        return switch (status.apiAddress().source()) {
            case EXPLICIT -> "ipfs.api";
            case ENVIRONMENT -> "IPFS_API";
            case REPO_API_FILE -> "the repository's api file";
            case DEFAULT -> "default";
        };
    }

    private static String repoText(RepoStat stat) {
        return String.format(Locale.ROOT, " (%d objects, %.1f MiB)", stat.numObjects(), stat.repoSize() / 1048576.0);
    }
}
