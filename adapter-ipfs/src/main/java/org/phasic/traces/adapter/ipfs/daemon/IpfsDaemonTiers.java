package org.phasic.traces.adapter.ipfs.daemon;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.IpfsApiException;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;

/**
 * Chooses how to reach IPFS:
 * <ol>
 *   <li>tier 3: a daemon answers {@code version} at the discovered address (or at the address in
 *       the repository's {@code api} file) → use it;</li>
 *   <li>tier 2: none answers and {@code ipfs} is on {@code PATH} → {@code ipfs init} the repository if it
 *       does not exist, start {@code ipfs daemon} detached (own session via {@code setsid} when
 *       available, output to a log file), poll {@code id} until ready, and leave it running;</li>
 *   <li>tier 1: otherwise → gateways, with a one-line hint.</li>
 * </ol>
 * A second daemon is never started on a repository whose lock is held or whose daemon answers, and
 * no daemon is ever stopped except one this class started that failed to become ready.
 */
public final class IpfsDaemonTiers {

    static final String DAEMON_LOG = "ipfs-daemon.log";
    static final String INIT_LOG = "ipfs-init.log";
    static final String PID_FILE = "ipfs-daemon.pid";
    private static final String START_LOCK = "ipfs-daemon.start.lock";
    private static final Object START_MONITOR = new Object();
    private static final int TAIL_BYTES = 8192;

    private final DaemonSettings settings;
    private final ApiAddressDiscovery discovery;
    private final ExecutableLookup executables;
    private final KuboClientFactory clients;
    private final Consumer<String> messages;
    private final AtomicBoolean announced = new AtomicBoolean();

    /**
     * @param settings    explicit address, auto-start flag, log folder and deadlines
     * @param discovery   finds the API address and the repository
     * @param executables finds {@code ipfs} and {@code setsid}
     * @param clients     makes RPC clients for probing
     * @param messages    receives the lines a user should see (initialising, starting, how to stop)
     */
    public IpfsDaemonTiers(DaemonSettings settings, ApiAddressDiscovery discovery, ExecutableLookup executables,
                           KuboClientFactory clients, Consumer<String> messages) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.executables = Objects.requireNonNull(executables, "executables");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * Reports the tier without side effects: a daemon that answers, one that would be auto-started,
     * or gateways.
     *
     * @throws IllegalArgumentException if the configured or {@code IPFS_API} address is malformed
     */
    public DaemonStatus status() {
        ApiAddress address = discoveredAddress();
        Path repo = discovery.repoPath();
        Optional<DaemonStatus> running = findRunning(address, repo);
        if (running.isPresent()) {
            return running.get();
        }
        if (executables.find("ipfs").isEmpty()) {
            return gateways(address, repo, noIpfsHint(address));
        }
        if (!settings.autoStart()) {
            return gateways(address, repo, autoStartOffHint(address));
        }
        return new DaemonStatus(DaemonTier.AUTO_START, address, Optional.empty(), repo, OptionalLong.empty(),
                "No IPFS daemon answers at " + address.baseUri() + "; one will be started when needed "
                        + "(or start it now with `phasic-traces daemon start`).");
    }

    /**
     * Selects the tier, starting a daemon if allowed and needed. Never throws for an unavailable
     * daemon: a failed start is reported through the message callback and ends in tier 1.
     *
     * @throws IllegalArgumentException if the configured or {@code IPFS_API} address is malformed
     */
    public DaemonStatus connect() {
        ApiAddress address = discoveredAddress();
        Path repo = discovery.repoPath();
        Optional<DaemonStatus> running = findRunning(address, repo);
        if (running.isPresent()) {
            return announce(running.get());
        }
        if (!settings.autoStart()) {
            return gateways(address, repo, autoStartOffHint(address));
        }
        Optional<Path> ipfs = executables.find("ipfs");
        if (ipfs.isEmpty()) {
            return gateways(address, repo, noIpfsHint(address));
        }
        try {
            return announce(startOrJoin(ipfs.get(), address, repo));
        } catch (IpfsDaemonException e) {
            messages.accept(e.getMessage());
            return gateways(address, repo, "Could not start an IPFS daemon (see " + logFile(DAEMON_LOG)
                    + "): using HTTP gateways.");
        }
    }

    /**
     * Makes sure a daemon runs for the repository, starting one if none answers (regardless of the
     * auto-start setting: this is the explicit {@code daemon start}).
     *
     * @throws IpfsDaemonException if {@code ipfs} is not installed or the daemon does not become ready
     */
    public DaemonStatus start() throws IpfsDaemonException {
        ApiAddress address = discoveredAddress();
        Path repo = discovery.repoPath();
        Optional<DaemonStatus> running = findRunning(address, repo);
        if (running.isPresent()) {
            return running.get();
        }
        Path ipfs = executables.find("ipfs").orElseThrow(() -> new IpfsDaemonException(
                "cannot start an IPFS daemon: the `ipfs` command (Kubo) is not on PATH"));
        return startOrJoin(ipfs, address, repo);
    }

    private ApiAddress discoveredAddress() {
        return discovery.discover(settings.explicitApi());
    }

    private Optional<DaemonStatus> findRunning(ApiAddress address, Path repo) {
        for (ApiAddress candidate : candidates(address)) {
            Optional<String> version = probeVersion(candidate);
            if (version.isPresent()) {
                return Optional.of(new DaemonStatus(DaemonTier.DAEMON, candidate, version, repo, OptionalLong.empty(),
                        "Using the IPFS daemon at " + candidate.baseUri() + "."));
            }
        }
        return Optional.empty();
    }

    /** The discovered address, then the repository's api file if it names another endpoint. */
    private List<ApiAddress> candidates(ApiAddress address) {
        Set<ApiAddress> result = new LinkedHashSet<>();
        result.add(address);
        repoApiFileQuietly().filter(a -> !a.sameEndpoint(address)).ifPresent(result::add);
        return List.copyOf(result);
    }

    private Optional<ApiAddress> repoApiFileQuietly() {
        try {
            return discovery.repoApiFile();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> probeVersion(ApiAddress address) {
        try {
            return Optional.of(clients.create(address, settings.probeTimeout()).version().version());
        } catch (IpfsApiException e) {
            return Optional.empty();
        }
    }

    private DaemonStatus announce(DaemonStatus status) {
        if (status.tier() == DaemonTier.DAEMON && announced.compareAndSet(false, true)) {
            messages.accept("Using IPFS " + status.version().orElse("?") + " at " + status.apiAddress().baseUri());
        }
        return status;
    }

    private DaemonStatus gateways(ApiAddress address, Path repo, String hint) {
        return new DaemonStatus(DaemonTier.GATEWAYS, address, Optional.empty(), repo, OptionalLong.empty(), hint);
    }

    private static String noIpfsHint(ApiAddress address) {
        return "No IPFS daemon at " + address.baseUri() + " and no `ipfs` command on PATH: using HTTP gateways "
                + "(install Kubo or set IPFS_API to a running daemon for faster, local fetches).";
    }

    private static String autoStartOffHint(ApiAddress address) {
        return "No IPFS daemon at " + address.baseUri() + " and auto-start is off (ipfs.autoStart=false): using HTTP "
                + "gateways (`phasic-traces daemon start` or `ipfs daemon` gives faster fetches).";
    }

    // ---- starting ----------------------------------------------------------------------------

    private DaemonStatus startOrJoin(Path ipfs, ApiAddress address, Path repo) throws IpfsDaemonException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new IpfsDaemonException("cannot create the log folder " + settings.logDirectory() + ": " + e, e);
        }
        synchronized (START_MONITOR) {
            try (FileChannel channel = FileChannel.open(logFile(START_LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock startLock = awaitStartLock(channel, deadline);
                try {
                    return startHoldingLock(ipfs, address, repo, deadline);
                } finally {
                    startLock.release();
                }
            } catch (IpfsDaemonException e) {
                throw e;
            } catch (IOException e) {
                throw new IpfsDaemonException("cannot start an IPFS daemon: " + e, e);
            }
        }
    }

    private DaemonStatus startHoldingLock(Path ipfs, ApiAddress address, Path repo, long deadline) throws IOException {
        Optional<DaemonStatus> running = findRunning(address, repo);
        if (running.isPresent()) {
            return running.get();
        }
        if (RepoLock.isHeld(repo)) {
            messages.accept("The IPFS repository " + repo + " is locked by a daemon that does not answer yet;"
                    + " waiting for it instead of starting another.");
            return awaitReady(null, address, repo, deadline);
        }
        if (!Files.isRegularFile(repo.resolve("config"))) {
            initRepo(ipfs, repo, deadline);
        }
        Process daemon = launch(ipfs, repo);
        messages.accept("Starting an IPFS daemon (pid " + daemon.pid() + ") for " + repo + "; log: "
                + logFile(DAEMON_LOG));
        DaemonStatus ready = awaitReady(daemon, address, repo, deadline);
        messages.accept("The IPFS daemon is ready at " + ready.apiAddress().baseUri()
                + ". It keeps running in the background; stop it with `IPFS_PATH=" + repo
                + " ipfs shutdown` (or `kill " + daemon.pid() + "`).");
        return ready;
    }

    private FileLock awaitStartLock(FileChannel channel, long deadline) throws IOException {
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // another thread of this JVM holds it; wait like for another process
            }
            if (System.nanoTime() > deadline) {
                throw new IpfsDaemonException("another phasic-traces process is starting an IPFS daemon and did not "
                        + "finish in time (" + logFile(START_LOCK) + ")");
            }
            pause(100, deadline);
        }
    }

    private void initRepo(Path ipfs, Path repo, long deadline) throws IOException {
        messages.accept("Initialising a new IPFS repository at " + repo + " (ipfs init)...");
        Path log = logFile(INIT_LOG);
        ProcessBuilder builder = new ProcessBuilder(ipfs.toString(), "init")
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()));
        Process init = startWithoutInput(builder, repo);
        try {
            if (!init.waitFor(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                init.destroy();
                throw new IpfsDaemonException("`ipfs init` did not finish within " + settings.startTimeout().toSeconds()
                        + " s; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            init.destroy();
            throw new IpfsDaemonException("interrupted while waiting for `ipfs init`", e);
        }
        if (init.exitValue() != 0) {
            throw new IpfsDaemonException("`ipfs init` failed with exit code " + init.exitValue() + " for " + repo
                    + ":\n" + tail(log));
        }
    }

    private Process launch(Path ipfs, Path repo) throws IOException {
        List<String> command = new ArrayList<>();
        executables.find("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.add(ipfs.toString());
        command.add("daemon");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile(DAEMON_LOG).toFile()));
        Process daemon = startWithoutInput(builder, repo);
        Files.writeString(logFile(PID_FILE), daemon.pid() + "\n", StandardCharsets.US_ASCII);
        return daemon;
    }

    private static Process startWithoutInput(ProcessBuilder builder, Path repo) throws IOException {
        builder.environment().put(ApiAddressDiscovery.IPFS_PATH, repo.toString());
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(devNull);
        }
        Process process = builder.start();
        if (!devNull.exists()) {
            process.getOutputStream().close();
        }
        return process;
    }

    /** Polls {@code id} (at the repository's api file address, else the discovered one) until it answers. */
    private DaemonStatus awaitReady(Process daemon, ApiAddress address, Path repo, long deadline)
            throws IpfsDaemonException {
        long pauseMillis = 50;
        while (true) {
            for (ApiAddress candidate : candidates(address)) {
                Optional<String> version = probeReady(candidate);
                if (version.isPresent()) {
                    OptionalLong pid = daemon == null ? OptionalLong.empty() : OptionalLong.of(daemon.pid());
                    DaemonTier tier = daemon == null ? DaemonTier.DAEMON : DaemonTier.AUTO_START;
                    return new DaemonStatus(tier, candidate, version, repo, pid,
                            daemon == null ? "Using the IPFS daemon at " + candidate.baseUri() + "."
                                    : "Started an IPFS daemon at " + candidate.baseUri() + "; it keeps running.");
                }
            }
            if (daemon != null && !daemon.isAlive()) {
                throw new IpfsDaemonException("`ipfs daemon` exited with code " + daemon.exitValue()
                        + " during start-up; last lines of " + logFile(DAEMON_LOG) + ":\n" + tail(logFile(DAEMON_LOG)));
            }
            if (System.nanoTime() > deadline) {
                if (daemon != null) {
                    daemon.destroy();
                }
                throw new IpfsDaemonException("no IPFS daemon answered at " + address.baseUri() + " within "
                        + settings.startTimeout().toSeconds() + " s"
                        + (daemon == null ? " although the repository " + repo + " is locked; not starting a second one"
                        : "; stopped the daemon started for " + repo + " (log: " + logFile(DAEMON_LOG) + ")"));
            }
            pause(pauseMillis, deadline);
            pauseMillis = Math.min(pauseMillis * 2, 500);
        }
    }

    private Optional<String> probeReady(ApiAddress address) {
        try {
            KuboRpcClient client = clients.create(address, settings.probeTimeout());
            client.id();
            return Optional.of(client.version().version());
        } catch (IpfsApiException e) {
            return Optional.empty();
        }
    }

    private Path logFile(String name) {
        return settings.logDirectory().resolve(name);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void pause(long millis, long deadline) throws IpfsDaemonException {
        try {
            Thread.sleep(Math.min(millis, remainingMillis(deadline)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpfsDaemonException("interrupted while waiting for the IPFS daemon", e);
        }
    }

    private static String tail(Path log) {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // keep reading
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            List<String> lines = List.of(text.split("\n"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
