package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.DaemonUseCase.DaemonReport;
import org.phasic.traces.ports.in.OperationFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daemon}: which IPFS tier fetches would use, and starting a local daemon. */
@Command(name = "daemon",
        description = "The local IPFS daemon used by profile daemon: status and start.",
        subcommands = {DaemonCommand.Status.class, DaemonCommand.Start.class})
public final class DaemonCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--print-service", paramLabel = "FORMAT", description = "print a service definition that runs"
            + " ipfs daemon at log-on (systemd, launchd or windows) and exit; nothing is installed")
    private String printService;

    @Override
    public Integer call() {
        if (printService == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCode.OK;
        }
        CliContext context = PhasicTracesCommand.contextOf(spec);
        ServiceFiles.Format.parse(printService);
        var ipfs = ServiceFiles.onPath(context.environment(), "ipfs");
        if (ipfs.isEmpty()) {
            context.err().println("phasic-traces: the ipfs command (Kubo) is not on PATH, so no service can run it");
            context.err().println("  hint: install Kubo (https://docs.ipfs.tech/install/command-line/), then try again");
            context.err().flush();
            return ExitCode.FAILED;
        }
        DaemonReport status = context.useCases().daemon().status();
        return ServiceFiles.print(context, printService, ServiceFiles.of(context, "phasic-traces-daemon",
                "IPFS daemon (Kubo) for phasic-traces", List.of(ipfs.get().toString(), "daemon", "--init"),
                Map.of("IPFS_PATH", status.repoPath().toAbsolutePath().toString())));
    }

    /** {@code daemon status}: tier, API address, version and repository, without starting anything. */
    @Command(name = "status",
            header = "Show which IPFS tier fetches use, with the API address, version and repository.",
            description = {"Show which tier fetches use: 3 a running IPFS daemon, 2 one that would be",
            "started (the ipfs command is installed), 1 HTTP gateways; with the API address, version and repository."})
    public static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            DaemonReport status = context.useCases().daemon().status();
            if (json.enabled()) {
                JsonOutput.print(context, toJson(status));
            } else {
                context.out().println("tier:     " + status.tier() + " (" + status.tierName() + ")");
                context.out().println("api:      " + status.api() + " (" + sourceText(status) + ")");
                context.out().println("version:  " + status.version().orElse("none (no daemon answers)"));
                context.out().println("repo:     " + status.repoPath() + repoText(status));
                context.out().println("profile:  " + (status.profileActive() ? "daemon is active"
                        : "daemon is not active (use --profile daemon)"));
                context.note(status.advice());
            }
            context.out().flush();
            return ExitCode.OK;
        }

        static ObjectNode toJson(DaemonReport status) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            node.put("tier", status.tier());
            node.put("tier_name", status.tierName());
            node.put("api", status.api().toString());
            node.put("api_source", sourceText(status));
            node.put("answering", status.answering());
            if (status.version().isPresent()) {
                node.put("version", status.version().get());
            } else {
                node.putNull("version");
            }
            node.put("repo", status.repoPath().toString());
            status.repoObjects().ifPresent(objects -> node.put("repo_objects", objects));
            status.repoBytes().ifPresent(bytes -> node.put("repo_bytes", bytes));
            node.put("profile_active", status.profileActive());
            node.put("hint", status.advice());
            return node;
        }
    }

    /** {@code daemon start}: tier 2 on request; a daemon that already answers is left alone. */
    @Command(name = "start",
            header = "Start a local IPFS daemon (Kubo) in the background unless one already answers.",
            description = {"Start an IPFS daemon (Kubo's ipfs command) for the repository, initialising it",
            "if needed; it keeps running in the background. Does nothing if a daemon already answers."})
    public static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            DaemonReport status;
            try {
                status = context.useCases().daemon().start();
            } catch (OperationFailedException e) {
                context.err().println("phasic-traces: " + e.getMessage());
                context.err().println("  hint: " + HintText.of(e.hint()));
                context.err().flush();
                return ExitCode.FAILED;
            }
            if (json.enabled()) {
                ObjectNode node = Status.toJson(status);
                node.put("started", status.startedPid().isPresent());
                status.startedPid().ifPresent(pid -> node.put("pid", pid));
                JsonOutput.print(context, node);
            } else if (status.startedPid().isPresent()) {
                context.out().println("started IPFS " + status.version().orElse("?") + " at " + status.api()
                        + " (pid " + status.startedPid().getAsLong() + "), repo " + status.repoPath());
                context.out().println("it keeps running; stop it with: IPFS_PATH=" + status.repoPath() + " ipfs shutdown");
            } else {
                context.out().println("already running: IPFS " + status.version().orElse("?") + " at "
                        + status.api() + ", repo " + status.repoPath() + " (not started again)");
            }
            context.out().flush();
            return ExitCode.OK;
        }
    }

    private static String sourceText(DaemonReport status) {
        return switch (status.apiSource()) {
            case EXPLICIT_SETTING -> "ipfs.api";
            case ENVIRONMENT -> "IPFS_API";
            case REPO_API_FILE -> "the repository's api file";
            case DEFAULT -> "default";
        };
    }

    private static String repoText(DaemonReport status) {
        if (status.repoObjects().isEmpty() || status.repoBytes().isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d objects, %.1f MiB)", status.repoObjects().getAsLong(),
                status.repoBytes().getAsLong() / 1048576.0);
    }
}
