package org.phasic.traces.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.web.WebServing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the local store's proven content over HTTP, as an IPFS trustless gateway. */
@Command(name = "serve",
        header = "Serve the local store's verified traces over HTTP as an IPFS trustless gateway.",
        description = {"Serve the traces in the local store at /ipfs/{cid}[/path]: raw blocks (?format=raw), CARs "
                + "(?format=car, dag-scope=block|entity|all) and, without a format, the file itself or a directory "
                + "listing. Only content that re-derives to its registry CID is served; the proof is kept in the "
                + "home (serve/block-index) and redone only for traces stored since, or when that file is damaged. "
                + "Listens on 127.0.0.1 unless --bind says otherwise; prints one access log line per request on "
                + "standard error; stops on Ctrl-C or SIGTERM, letting requests in flight finish. Limits: the "
                + "serve.* configuration keys ('config show').",
            "With --mirror the same process also keeps the store a mirror of the registry (as 'mirror' does)."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default serve.bind, 127.0.0.1)")
    private String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default serve.port, 8080; 0 picks a free one)")
    private Integer port;

    @Option(names = "--mirror", description = "also keep the store a mirror of the registry, every --interval (as 'mirror')")
    private boolean mirror;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1h",
            description = "with --mirror: time between mirror passes, e.g. 30m, 1h, 1d (default: ${DEFAULT-VALUE})")
    private String interval;

    @Option(names = "--print-service", paramLabel = "FORMAT", description = ServiceFiles.OPTION_DESCRIPTION)
    private String printService;

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        PrintWriter err = context.err();
        if (port != null && (port < 0 || port > 65_535)) {
            return fail(err, ExitCode.USAGE, "--port must be between 0 and 65535, got " + port, "see 'phasic-traces serve --help'");
        }
        if (bind != null && bind.isBlank()) {
            return fail(err, ExitCode.USAGE, "--bind needs an address, e.g. 127.0.0.1", "see 'phasic-traces serve --help'");
        }
        Duration pause = MirrorCommand.interval(interval);
        if (printService != null) {
            return ServiceFiles.print(context, printService, ServiceFiles.phasicTraces(context, "phasic-traces-serve",
                    "phasic-traces server", serviceArguments()));
        }
        if (mirror && CoreSettings.from(context.configuration()).offline()) {
            throw new CliArguments.UsageError("serve --mirror needs the network, but the tool is offline",
                    "drop --offline (or the offline profile or setting), or serve without --mirror");
        }
        ServeSettings settings = ServeSettings.from(context.configuration());
        WebServing serving;
        try {
            serving = WebServing.start(context.useCases(), settings, bind, port, line -> {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            });
        } catch (IOException e) {
            return fail(err, ExitCode.FAILED, "cannot listen on " + (bind != null ? bind : settings.bind()) + ":"
                    + (port != null ? port : settings.port()) + " (" + e.getMessage() + ")",
                    "choose another --port or --bind, or stop what uses that address");
        }
        try (serving) {
            serving.index().notes().forEach(context::note);
            serving.index().refused().forEach(context::warn);
            context.out().println("serving " + serving.index().traces() + " trace(s), " + serving.index().blocks()
                    + " block(s) at " + serving.address() + "ipfs/ (stop with Ctrl-C)");
            context.out().flush();
            if (mirror) {
                MirrorCommand.Loop loop = MirrorCommand.Loop.start(context, List.of(), false,
                        CliArguments.jobs(context, null, "install.jobs"), pause);
                try {
                    serving.awaitStop();
                } finally {
                    loop.stop();
                }
            } else {
                serving.awaitStop();
            }
        }
        return ExitCode.OK;
    }

    /** This command line for a service. */
    private List<String> serviceArguments() {
        List<String> arguments = new ArrayList<>(List.of("serve"));
        if (bind != null) {
            arguments.addAll(List.of("--bind", bind));
        }
        if (port != null) {
            arguments.addAll(List.of("--port", port.toString()));
        }
        if (mirror) {
            arguments.addAll(List.of("--mirror", "--interval", interval.strip()));
        }
        return arguments;
    }

    private static int fail(PrintWriter err, int code, String message, String hint) {
        Main.report(err, message, hint);
        return code;
    }
}
