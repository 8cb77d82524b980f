package org.phasic.traces.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;

/** Profile {@code daemon}: its place in the fetch chain, its laziness, and {@code get} end to end through it. */
class DaemonProfileTest {
    private static final String ID = "kingman_n3_via_daemon";
    private static final Path BUNDLED_TRACE = Path.of("src", "bundle", "kingman_n3_theta1");

    @TempDir
    Path tmp;

    private Path home;
    private Path repo;
    private String deadUrl;


    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        repo = tmp.resolve("ipfs-repo");
        try (ServerSocket socket = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private Set<ContentSource> sources(String profiles, String api) {
        Map<String, FlagValue> flags = new LinkedHashMap<>();
        flags.put("home", new FlagValue(home.toString(), "--home"));
        flags.put("profile", new FlagValue(profiles, "--profile"));
        flags.put("ipfs.api", new FlagValue(api, "--set ipfs.api"));
        flags.put("ipfs.path", new FlagValue(repo.toString(), "--set ipfs.path"));
        Composition composition = Composition.create(flags, Map.of(), tmp, Notices.silent());
        composition.injector().getInstance(FetchService.class);
        return composition.injector().getInstance(Key.get(new TypeLiteral<Set<ContentSource>>() { }));
    }

    private static List<Integer> orders(Set<ContentSource> sources) {
        return sources.stream().map(ContentSource::order).sorted().toList();
    }

    private CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--set", "ipfs.path=" + repo));
        all.addAll(List.of(args));
        return CliRun.run(environment, tmp, all);
    }

    @Test
    void profileDaemonAloneBringsTheGatewaysAsTierOne() {
        Set<ContentSource> sources = sources("daemon", deadUrl);

        assertThat(orders(sources)).containsExactly(ContentSource.Tier.BUNDLE, ContentSource.Tier.DAEMON,
                ContentSource.Tier.GATEWAY);
        assertThat(sources).filteredOn(source -> source.order() == ContentSource.Tier.DAEMON)
                .singleElement().satisfies(source -> {
                    assertThat(source.name()).isEqualTo("IPFS daemon");
                    assertThat(source.usesNetwork()).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemon,gateway", "gateway,daemon"})
    void combinedWithProfileGatewayTheGatewaysAreBoundOnce(String profiles) {
        assertThat(orders(sources(profiles, deadUrl))).containsExactly(ContentSource.Tier.BUNDLE, ContentSource.Tier.DAEMON,
                ContentSource.Tier.GATEWAY);
    }

    @Test
    void profileGatewayAloneHasNoDaemonSource() {
        assertThat(orders(sources("gateway", deadUrl))).containsExactly(ContentSource.Tier.BUNDLE, ContentSource.Tier.GATEWAY);
    }

    @Test
    void buildingTheFetchChainNeitherProbesNorStartsADaemon() throws Exception {
        try (FakeKuboApi api = FakeKuboApi.start()) {
            sources("daemon", api.url());
            assertThat(api.calls()).isEmpty();
        }
        Path bin = FakeKuboApi.installIpfsCommand(tmp.resolve("fake"));
        CliRun list = run(Map.of("PATH", bin.toString()), "--profile", "daemon", "--set", "ipfs.api=" + deadUrl,
                "--set", "registry.url=" + publish().registry().toUri(), "list");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(ID);
        assertThat(tmp.resolve("fake/ipfs-arguments.txt")).doesNotExist();
        assertThat(repo).doesNotExist();
    }

    /** A trace directory the bundle does not have (its own metadata), imported like Kubo, in a file: registry. */
    private record Published(ImportResult imported, MemoryBlockStore blocks, byte[] trace, Path registry) {
    }

    private Published publish() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("publish").resolve(ID));
        byte[] trace = Files.readAllBytes(BUNDLED_TRACE.resolve("trace.json.gz"));
        Files.write(dir.resolve("trace.json.gz"), trace);
        ObjectMapper json = new ObjectMapper();
        ObjectNode metadata = (ObjectNode) json.readTree(BUNDLED_TRACE.resolve("metadata.json").toFile());
        metadata.put("description", "Kingman n=3, published for the daemon profile test");
        Files.writeString(dir.resolve("metadata.json"), json.writeValueAsString(metadata));
        MemoryBlockStore blocks = new MemoryBlockStore();
        ImportResult imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(dir);

        ObjectNode registry = json.createObjectNode().put("version", "1.0.0").put("updated", "2026-11-25T00:00:00Z");
        ObjectNode entry = registry.putObject("traces").putObject(ID);
        entry.put("cid", imported.root().toString());
        entry.put("description", "Kingman n=3 served by an IPFS daemon");
        entry.set("metadata", metadata);
        entry.put("checksum", "sha256:" + Sha256.hex(trace));
        entry.put("license", "MIT");
        Path registryFile = tmp.resolve("registry.json");
        Files.writeString(registryFile, json.writeValueAsString(registry));
        return new Published(imported, blocks, trace, registryFile);
    }

    private CliRun getThroughDaemon(FakeKuboApi api, Published published) {
        return get(Map.of(), api.url(), published);
    }

    private CliRun get(Map<String, String> environment, String api, Published published) {
        return run(environment, "--profile", "daemon", "--set", "ipfs.api=" + api,
                "--set", "registry.url=" + published.registry().toUri(),
                "--set", "gateway.urls=" + deadUrl, "--set", "gateway.retries=0", "--set", "gateway.deadline=5s",
                "get", ID);
    }

    @Test
    void getStartsADaemonWhenNoneAnswersAndTheIpfsCommandIsInstalled() throws Exception {
        Published published = publish();
        Path fake = tmp.resolve("fake");
        Path blocks = Files.createDirectories(fake.resolve("blocks"));
        for (var block : published.blocks().blocks()) {
            Files.write(blocks.resolve(block.cid().toString()), block.data());
        }
        Path bin = FakeKuboApi.installIpfsCommand(fake);
        Path pidFile = home.resolve("ipfs/ipfs-daemon.pid");
        try {
            CliRun run = get(Map.of("PATH", bin.toString()), deadUrl, published);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(Path.of(run.out().strip()))).isEqualTo(published.trace());
            assertThat(run.err()).contains("Initialising a new IPFS repository at " + repo, "Starting an IPFS daemon (pid ",
                    "ipfs shutdown", "from IPFS daemon, verified");
            assertThat(Files.readAllLines(fake.resolve("ipfs-arguments.txt"))).containsExactly("init", "daemon");
        } finally {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(daemon -> {
                    daemon.destroy();
                    daemon.onExit().join();
                });
            }
        }
    }

    @Test
    void getFetchesAndVerifiesATraceThroughTheDaemon() throws Exception {
        Published published = publish();
        try (FakeKuboApi api = FakeKuboApi.start()) {
            published.blocks().blocks().forEach(block -> api.put(block.cid().toString(), block.data()));

            CliRun run = getThroughDaemon(api, published);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(Path.of(run.out().strip()))).isEqualTo(published.trace());
            assertThat(run.err()).contains("Using IPFS " + FakeKuboApi.VERSION + " at " + api.url(),
                    "from IPFS daemon, verified");
            assertThat(api.calls()).contains("version", "block/get " + published.imported().root());
            assertThat(home.resolve("store/refs/" + ID + ".json")).exists();
        }
    }

    @Test
    void aTamperedBlockIsRefusedAndNothingIsStored() throws Exception {
        Published published = publish();
        try (FakeKuboApi api = FakeKuboApi.start()) {
            published.blocks().blocks().forEach(block -> api.put(block.cid().toString(), block.data()));
            String traceCid = published.imported().entry("trace.json.gz").orElseThrow().cid().toString();
            byte[] tampered = published.blocks().fetch(published.imported().entry("trace.json.gz").orElseThrow().cid())
                    .orElseThrow().clone();
            tampered[tampered.length - 10] ^= 1;
            api.put(traceCid, tampered);

            CliRun run = getThroughDaemon(api, published);

            assertThat(run.code()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("IPFS daemon: served bad content").contains("could not fetch " + ID);
            assertThat(home.resolve("store/refs/" + ID + ".json")).doesNotExist();
            try (Stream<Path> objects = Files.list(home.resolve("store/objects"))) {
                assertThat(objects).isEmpty();
            }
        }
    }
}
