package org.phasic.traces.adapter.ipfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;

/** Tier selection against a fake {@code ipfs} command (a script on a temporary PATH) and fake daemons. */
class IpfsDaemonTiersTest {

    private static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    Path tmp;
    @StartStop
    private final MockWebServer runningDaemon = new MockWebServer();

    private Path repo;
    private Path logs;
    private String deadAddress;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Process> directlyStarted = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        repo = tmp.resolve("repo");
        logs = tmp.resolve("logs");
        try (ServerSocket socket = new ServerSocket(0)) {
            deadAddress = "/ip4/127.0.0.1/tcp/" + socket.getLocalPort();
        }
        runningDaemon.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body(request.getUrl().encodedPath().endsWith("/id")
                        ? "{\"ID\":\"12D3KooWrunning\"}" : "{\"Version\":\"0.29.0\",\"Commit\":\"\",\"Repo\":\"15\"}").build();
            }
        });
    }

    @AfterEach
    void stopWhatTheTestsStarted() throws Exception {
        List<Long> pids = new ArrayList<>();
        Path pidFile = logs.resolve(IpfsDaemonTiers.PID_FILE);
        if (Files.exists(pidFile)) {
            pids.add(Long.parseLong(Files.readString(pidFile).strip()));
        }
        directlyStarted.forEach(p -> pids.add(p.pid()));
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.destroy();
                handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }
    }

    private IpfsDaemonTiers tiers(DaemonSettings settings, ExecutableLookup lookup) {
        ApiAddressDiscovery discovery = new ApiAddressDiscovery(Map.of("IPFS_PATH", repo.toString()), tmp, deadAddress);
        return new IpfsDaemonTiers(settings, discovery, lookup, KuboClientFactory.sharing(HTTP,
                SafeTarExtractor.withBasicChecks()), messages::add);
    }

    private IpfsDaemonTiers tiers(FakeIpfsCommand fake) {
        return tiers(settings(), onPath(fake.bin()));
    }

    private DaemonSettings settings() {
        return DaemonSettings.defaults(logs).withStartTimeout(Duration.ofSeconds(30));
    }

    private static ExecutableLookup onPath(Path bin) {
        return ExecutableLookup.onPath(bin + File.pathSeparator + System.getenv("PATH"));
    }

    private String runningDaemonUrl() {
        return runningDaemon.url("/").toString();
    }

    @Test
    void missingRepoIsInitialisedThenDaemonStartedDetachedAndLeftRunning() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(fake).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.AUTO_START);
        assertThat(status.version()).hasValue("0.0.0-fake");
        assertThat(status.apiAddress().source()).isEqualTo(ApiAddress.Source.REPO_API_FILE);
        assertThat(fake.calls()).containsExactly("init", "daemon");
        assertThat(Files.exists(repo.resolve("config"))).isTrue();
        long pid = status.startedPid().orElseThrow();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(Files.readString(logs.resolve(IpfsDaemonTiers.PID_FILE)).strip()).isEqualTo(Long.toString(pid));
        assertThat(Files.readString(logs.resolve(IpfsDaemonTiers.DAEMON_LOG))).contains("Daemon is ready");
        assertThat(messages).anyMatch(m -> m.startsWith("Initialising a new IPFS repository at " + repo));
        assertThat(messages).anyMatch(m -> m.contains("keeps running") && m.contains("ipfs shutdown")
                && m.contains("kill " + pid));
        Path procStat = Path.of("/proc", Long.toString(pid), "stat");
        if (onPath(fake.bin()).find("setsid").isPresent() && Files.exists(procStat)) {
            String[] fields = Files.readString(procStat).substring(Files.readString(procStat).lastIndexOf(')') + 2)
                    .split(" ");
            assertThat(fields[3]).as("session id of the daemon (own session via setsid)").isEqualTo(Long.toString(pid));
        }
    }

    @Test
    void runningDaemonIsReusedAndNeverStartedTwice() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);
        IpfsDaemonTiers tiers = tiers(fake);
        DaemonStatus first = tiers.connect();

        DaemonStatus again = tiers.connect();
        DaemonStatus fromAnotherInstance = tiers(fake).connect();
        DaemonStatus explicitStart = tiers(fake).start();

        assertThat(first.tier()).isEqualTo(DaemonTier.AUTO_START);
        assertThat(List.of(again, fromAnotherInstance, explicitStart)).allSatisfy(s -> {
            assertThat(s.tier()).isEqualTo(DaemonTier.DAEMON);
            assertThat(s.apiAddress().baseUri()).isEqualTo(first.apiAddress().baseUri());
            assertThat(s.startedPid()).isEmpty();
        });
        assertThat(fake.calls()).containsExactly("init", "daemon");
    }

    @Test
    void existingRepoIsNotInitialisedAgain() throws Exception {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("config"), "{}");
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(fake).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.AUTO_START);
        assertThat(fake.calls()).containsExactly("daemon");
        assertThat(messages).noneMatch(m -> m.contains("Initialising"));
    }

    @Test
    void answeringDaemonIsTierThreeAndNothingIsStarted() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(settings().withExplicitApi(runningDaemonUrl()), onPath(fake.bin())).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.DAEMON);
        assertThat(status.version()).hasValue("0.29.0");
        assertThat(status.apiAddress().source()).isEqualTo(ApiAddress.Source.EXPLICIT);
        assertThat(status.summary()).startsWith("tier 3 (daemon): IPFS 0.29.0 at http://");
        assertThat(fake.calls()).isEmpty();
        assertThat(messages).containsExactly("Using IPFS 0.29.0 at " + status.apiAddress().baseUri());
        assertThat(runningDaemon.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v0/version");
    }

    @Test
    void daemonNamedInRepoApiFileIsUsedWhenTheConfiguredAddressIsDead() throws Exception {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/" + runningDaemon.getPort());
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(settings().withExplicitApi(deadAddress), onPath(fake.bin())).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.DAEMON);
        assertThat(status.apiAddress().source()).isEqualTo(ApiAddress.Source.REPO_API_FILE);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void lockedRepoWhoseDaemonDoesNotAnswerGetsNoSecondDaemon() throws Exception {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("config"), "{}");
        startSilentLockHolder();
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(settings().withStartTimeout(Duration.ofMillis(1500)), onPath(fake.bin())).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.GATEWAYS);
        assertThat(fake.calls()).isEmpty();
        assertThat(messages).anyMatch(m -> m.contains("is locked by a daemon that does not answer yet"));
        assertThat(messages).anyMatch(m -> m.contains("not starting a second one"));
        assertThat(directlyStarted.get(0).isAlive()).as("a daemon we did not start is left alone").isTrue();
    }

    @Test
    void readinessIsPolledUntilTheDaemonAnswers() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 1500, false);
        long start = System.nanoTime();

        DaemonStatus status = tiers(fake).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.AUTO_START);
        assertThat(status.version()).hasValue("0.0.0-fake");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void daemonThatNeverBecomesReadyIsStoppedAtTheDeadlineAndGatewaysAreUsed() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 600_000, false);

        DaemonStatus status = tiers(settings().withStartTimeout(Duration.ofSeconds(2)), onPath(fake.bin())).connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.GATEWAYS);
        assertThat(messages).anyMatch(m -> m.startsWith("no IPFS daemon answered at") && m.contains("stopped the daemon"));
        long pid = Long.parseLong(Files.readString(logs.resolve(IpfsDaemonTiers.PID_FILE)).strip());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void daemonThatExitsDuringStartUpIsReportedWithItsLog() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, true);

        assertThatThrownBy(() -> tiers(fake).start())
                .isInstanceOf(IpfsDaemonException.class)
                .hasMessageContaining("`ipfs daemon` exited with code 1 during start-up")
                .hasMessageContaining("address already in use");
    }

    @Test
    void autoStartOffMeansGatewaysWithoutStarting() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);
        IpfsDaemonTiers tiers = tiers(settings().withAutoStart(false), onPath(fake.bin()));

        DaemonStatus connected = tiers.connect();
        DaemonStatus status = tiers.status();

        assertThat(List.of(connected, status)).allSatisfy(s -> {
            assertThat(s.tier()).isEqualTo(DaemonTier.GATEWAYS);
            assertThat(s.hint()).contains("ipfs.autoStart=false").doesNotContain("\n");
        });
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void noIpfsCommandMeansGatewaysWithAHint() throws Exception {
        Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
        IpfsDaemonTiers tiers = tiers(settings(), ExecutableLookup.onPath(emptyBin.toString()));

        DaemonStatus status = tiers.connect();

        assertThat(status.tier()).isEqualTo(DaemonTier.GATEWAYS);
        assertThat(status.answering()).isFalse();
        assertThat(status.hint()).contains("no `ipfs` command on PATH").contains("gateways").doesNotContain("\n");
        assertThat(status.summary()).startsWith("tier 1 (gateways): no daemon at http://127.0.0.1:");
        assertThatThrownBy(tiers::start).isInstanceOf(IpfsDaemonException.class).hasMessageContaining("not on PATH");
    }

    @Test
    void statusReportsAutoStartWithoutSideEffects() throws Exception {
        FakeIpfsCommand fake = FakeIpfsCommand.install(tmp, 0, false);

        DaemonStatus status = tiers(fake).status();

        assertThat(status.tier()).isEqualTo(DaemonTier.AUTO_START);
        assertThat(status.repoPath()).isEqualTo(repo);
        assertThat(status.answering()).isFalse();
        assertThat(fake.calls()).isEmpty();
        assertThat(repo).doesNotExist();
        assertThat(messages).isEmpty();
    }

    private void startSilentLockHolder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FakeKuboDaemon.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process holder = new ProcessBuilder(java, "-cp", classes, FakeKuboDaemon.class.getName(), repo.toString(), "600000")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        directlyStarted.add(holder);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!RepoLock.isHeld(repo)) {
            assertThat(System.nanoTime()).as("lock holder started in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
