package org.phasic.traces.app.cli;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.ports.in.MirrorRegistryUseCase;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mirror}: keep the local store a mirror of the registry, once or in a loop. */
@Command(name = "mirror",
        header = "Keep the local store a mirror of the registry: install what is new, collect what is gone.",
        description = {"Keep the local store a mirror of the registry: refresh it, install (verified) what is missing, "
                + "optionally pin it, and collect what the registry no longer lists (pinned traces stay, as with gc). "
                + "Runs a pass every --interval until stopped (SIGTERM or Ctrl-C stop it between steps), or once with "
                + "--once. Prints one timestamped line per change; outages are logged and retried, never fatal."})
public final class MirrorCommand implements Callable<Integer> {
    private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,6})([smhd])");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_INTERVAL = Duration.ofDays(365);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--all", description = "mirror every trace in the registry (the default)")
    private boolean all;

    @Option(names = "--collection", paramLabel = "NAME", arity = "1..*", description = "mirror these collections of the registry")
    private List<String> collections = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1h",
            description = "time between passes, e.g. 30m, 1h, 1d (default: ${DEFAULT-VALUE})")
    private String interval;

    @Option(names = "--pin", description = "pin installed traces on the local IPFS daemon and, if publish.pinningUrl is set, the pinning service")
    private boolean pin;

    @Option(names = "--once", description = "one pass, then exit: 0 when everything is mirrored, 1 when something failed")
    private boolean once;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel fetches (default: install.jobs, 16)")
    private Integer jobs;

    @Option(names = "--print-service", paramLabel = "FORMAT", description = ServiceFiles.OPTION_DESCRIPTION)
    private String printService;

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        if (all && !collections.isEmpty()) {
            throw new CliArguments.UsageError("give either --all or --collection, not both");
        }
        Duration pause = interval(interval);
        if (once && printService != null) {
            throw new CliArguments.UsageError("a service runs the loop: give either --once or --print-service, not both");
        }
        if (printService != null) {
            return ServiceFiles.print(context, printService, ServiceFiles.phasicTraces(context, "phasic-traces-mirror",
                    "phasic-traces registry mirror", serviceArguments()));
        }
        if (CoreSettings.from(context.configuration()).offline()) {
            throw new CliArguments.UsageError("mirror needs the network, but the tool is offline",
                    "drop --offline (or the offline profile or setting)");
        }
        var request = new MirrorRegistryUseCase.Request(collections, pin, CliArguments.jobs(context, jobs, "install.jobs"));
        MirrorRegistryUseCase mirror = context.useCases().registryMirror();
        StopSignal signal = new StopSignal();
        MirrorRegistryUseCase.Log log = event -> print(context, event);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            signal.stop();
            try {
                finished.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "phasic-traces-mirror-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            MirrorRegistryUseCase.Pass pass = once ? mirror.pass(request, signal, log) : mirror.run(request, pause, signal, log);
            if (signal.stopping()) {
                context.note("mirror stopped");
            }
            return once && !pass.ok() ? ExitCode.FAILED : ExitCode.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for this thread
            }
        }
    }

    /** This command line for a service: the loop with the same options. */
    private List<String> serviceArguments() {
        List<String> arguments = new ArrayList<>(List.of("mirror", "--interval", interval.strip()));
        collections.forEach(name -> arguments.addAll(List.of("--collection", name)));
        if (pin) {
            arguments.add("--pin");
        }
        if (jobs != null) {
            arguments.addAll(List.of("--jobs", jobs.toString()));
        }
        return arguments;
    }

    private static void print(CliContext context, Event event) {
        if (context.quiet() && !event.failure()) {
            return;
        }
        synchronized (context.out()) {
            context.out().println(event.at().truncatedTo(ChronoUnit.SECONDS) + " " + event.message());
            context.out().flush();
        }
    }

    /**
     * A time like {@code 30m}, {@code 1h} or {@code 1d} (also {@code s}), between ten seconds and a year.
     *
     * @throws CliArguments.UsageError naming what is wrong
     */
    static Duration interval(String text) {
        Matcher matcher = INTERVAL.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CliArguments.UsageError("invalid --interval '" + text + "': give a whole number and a unit s, m, h or d",
                    "e.g. --interval 30m, --interval 1h or --interval 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(MIN_INTERVAL) < 0 || duration.compareTo(MAX_INTERVAL) > 0) {
            throw new CliArguments.UsageError("--interval " + text + " is out of range: between 10s and 365d",
                    "e.g. --interval 1h");
        }
        return duration;
    }

    /** The mirror loop on a thread of its own, beside another long-running command ({@code serve --mirror}). */
    static final class Loop {
        private final StopSignal signal = new StopSignal();
        private final Thread thread;

        private Loop(CliContext context, MirrorRegistryUseCase.Request request, Duration pause) {
            MirrorRegistryUseCase mirror = context.useCases().registryMirror();
            thread = new Thread(() -> {
                try {
                    mirror.run(request, pause, signal, event -> print(context, event));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    context.warn("mirror stopped: " + e.getMessage());
                }
            }, "phasic-traces-mirror");
            thread.setDaemon(true);
        }

        static Loop start(CliContext context, List<String> collections, boolean pin, int jobs, Duration pause) {
            Loop loop = new Loop(context, new MirrorRegistryUseCase.Request(collections, pin, jobs), pause);
            loop.thread.start();
            return loop;
        }

        /** Asks the loop to stop between steps and waits for it a while. */
        void stop() throws InterruptedException {
            signal.stop();
            thread.join(STOP_WAIT.toMillis());
        }
    }

    /** Stops the loop between steps; a wait ends at once when the stop comes. */
    static final class StopSignal implements MirrorRegistryUseCase.Schedule {
        private final CountDownLatch stop = new CountDownLatch(1);

        void stop() {
            stop.countDown();
        }

        @Override
        public boolean stopping() {
            return stop.getCount() == 0;
        }

        @Override
        public boolean await(Duration pause) throws InterruptedException {
            return !stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
