package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.daemon.FakeKuboApi;
import org.phasic.traces.app.testing.CliRun;

/** {@code daemon status} and {@code daemon start} against a fake Kubo API and a fake {@code ipfs} command. */
class DaemonCommandTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path repo;
    private String deadApi;
    private final List<Long> startedDaemons = new ArrayList<>();


    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        repo = tmp.resolve("ipfs-repo");
        try (ServerSocket socket = new ServerSocket(0)) {
            deadApi = "/ip4/127.0.0.1/tcp/" + socket.getLocalPort();
        }
    }

    @AfterEach
    void stopDaemonsWeStarted() throws Exception {
        for (long pid : startedDaemons) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().destroy();
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--set", "ipfs.path=" + repo));
        all.addAll(List.of(args));
        return CliRun.run(environment, tmp, all);
    }

    private static Map<String, String> path(Path bin) {
        return Map.of("PATH", bin.toString());
    }

    @Test
    void statusWithoutDaemonOrIpfsCommandIsTierOneWithAHint() {
        CliRun run = run(Map.of(), "--set", "ipfs.api=" + deadApi, "daemon", "status");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("tier:     1 (gateways)", "version:  none", "repo:     " + repo,
                "(ipfs.api)", "daemon is not active");
        assertThat(run.err()).contains("using HTTP gateways", "install Kubo");
    }

    @Test
    void statusReportsARunningDaemonWithItsVersionAndRepository() throws Exception {
        try (FakeKuboApi api = FakeKuboApi.start()) {
            api.put("QmBlock", new byte[] {1});
            CliRun text = run(Map.of(), "--profile", "daemon", "--set", "ipfs.api=" + api.url(), "daemon", "status");
            CliRun json = run(Map.of(), "--set", "ipfs.api=" + api.url(), "daemon", "status", "--json");

            assertThat(text.code()).as(text.err()).isZero();
            assertThat(text.out()).contains("tier:     3 (daemon)", "api:      " + api.url() + " (ipfs.api)",
                    "version:  " + FakeKuboApi.VERSION, "(1 objects, 2.0 MiB)", "daemon is active");
            JsonNode status = new ObjectMapper().readTree(json.out());
            assertThat(status.path("tier").asInt()).isEqualTo(3);
            assertThat(status.path("tier_name").asText()).isEqualTo("daemon");
            assertThat(status.path("api").asText()).isEqualTo(api.url());
            assertThat(status.path("version").asText()).isEqualTo(FakeKuboApi.VERSION);
            assertThat(status.path("repo").asText()).isEqualTo(repo.toString());
            assertThat(status.path("repo_objects").asLong()).isEqualTo(1);
            assertThat(status.path("profile_active").asBoolean()).isFalse();
            assertThat(status.fieldNames()).toIterable().allMatch(name -> name.matches("[a-z_]+"));
            assertThat(api.calls()).contains("version", "repo/stat").doesNotContain("id");
        }
    }

    @Test
    void statusWithTheIpfsCommandInstalledIsTierTwoAndStartsNothing() throws Exception {
        Path bin = FakeKuboApi.installIpfsCommand(tmp.resolve("fake"));

        CliRun run = run(path(bin), "--set", "ipfs.api=" + deadApi, "daemon", "status", "--json");

        assertThat(run.code()).isZero();
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(status.path("tier").asInt()).isEqualTo(2);
        assertThat(status.path("tier_name").asText()).isEqualTo("auto-start");
        assertThat(status.path("answering").asBoolean()).isFalse();
        assertThat(status.path("version").isNull()).isTrue();
        assertThat(tmp.resolve("fake/ipfs-arguments.txt")).doesNotExist();
    }

    @Test
    void startInitialisesTheRepositoryStartsOneDaemonAndSaysHowToStopIt() throws Exception {
        Path bin = FakeKuboApi.installIpfsCommand(tmp.resolve("fake"));

        String api = "ipfs.api=" + deadApi;
        CliRun first = run(path(bin), "--set", api, "daemon", "start");
        Path pidFile = home.resolve("ipfs/ipfs-daemon.pid");
        if (Files.exists(pidFile)) {
            startedDaemons.add(Long.parseLong(Files.readString(pidFile).strip()));
        }
        CliRun second = run(path(bin), "--set", api, "daemon", "start");
        CliRun status = run(path(bin), "--set", api, "daemon", "status");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("started IPFS " + FakeKuboApi.VERSION, "(pid " + startedDaemons.get(0) + ")",
                "stop it with: IPFS_PATH=" + repo + " ipfs shutdown");
        assertThat(first.err()).contains("Initialising a new IPFS repository at " + repo);
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("already running: IPFS " + FakeKuboApi.VERSION, "(not started again)");
        assertThat(status.out()).contains("tier:     3 (daemon)", "(the repository's api file)");
        assertThat(Files.readAllLines(tmp.resolve("fake/ipfs-arguments.txt"))).containsExactly("init", "daemon");
        assertThat(ProcessHandle.of(startedDaemons.get(0))).isPresent();
    }

    @Test
    void startWithoutTheIpfsCommandFailsInOneLineWithAHint() {
        CliRun run = run(path(tmp.resolve("empty-bin")), "--set", "ipfs.api=" + deadApi, "daemon", "start");

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).startsWith("phasic-traces: cannot start an IPFS daemon: the `ipfs` command (Kubo) is not on PATH")
                .contains("hint: install Kubo");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpDescribesTheSubcommands() {
        CliRun run = run(Map.of(), "daemon", "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: phasic-traces daemon", "status", "start");
    }

    @Test
    void aMalformedApiAddressIsAConfigurationError() {
        CliRun run = run(Map.of(), "--set", "ipfs.api=/ip4/127.0.0.1/udp/5001", "daemon", "status");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("phasic-traces: invalid value '/ip4/127.0.0.1/udp/5001' for ipfs.api (from flag --set ipfs.api)")
                .contains("expected a multiaddr such as /ip4/127.0.0.1/tcp/5001", "hint: ");
        assertThat(Stream.of(run.err().split("\n"))).hasSize(2);
    }
}
