package org.phasic.traces.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.ports.out.BlobContent;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;

/**
 * A private-mirror profile and {@code cache push|pull|ls} end to end through the CLI, each home configured only
 * through its config file. Subclasses supply the mirror (a real server or fake started by the test) and the
 * profile's configuration lines.
 */
abstract class MirrorCliContract {
    static final String ID = "kingman_n5_theta1";
    static final String BUNDLED_ROOT = "Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg";
    /** The same trace packed by npm ipfs-car (CIDv1): not in the bundled library. */
    static final String V1_ROOT = "bafybeif5afxpafrxehtcdtaysp4rhmcggkvb2sn6ahwv3xf7bxafgzzcza";

    @TempDir
    Path tmp;

    private Path registry;


    /** The profile name and its keys as config.yaml lines (no {@code profile} or {@code registry} lines). */
    protected abstract List<String> mirrorConfig();

    /** A fresh client of the mirror the profile uses. */
    protected abstract BlobStore mirror() throws IOException;

    /** How the mirror names itself in messages, e.g. {@code s3://bucket/prefix}. */
    protected abstract String location();

    /** Strings that must never appear in any output. */
    protected List<String> secrets() {
        return List.of();
    }

    @BeforeEach
    void writeRegistry() throws IOException {
        registry = tmp.resolve("registry.json");
        Files.write(registry, bundledRegistry());
    }

    @Test
    void pushSendsOnlyWhatIsMissingAndPullRoundTripsIntoAnEmptyHome() throws IOException {
        Path first = home("first");
        assertThat(run(first, "get", ID).err()).contains("from bundled library");

        CliRun push = run(first, "cache", "push", "--all");
        CliRun again = run(first, "cache", "push", "--all");

        assertThat(push.code()).isZero();
        assertThat(push.out()).contains("push to " + location()).contains(": 1 sent, 0 skipped, 0 failed");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains(": 0 sent, 1 skipped, 0 failed");
        try (BlobStore mirror = mirror()) {
            assertThat(mirror.exists(BlobKeys.car(BUNDLED_ROOT))).isTrue();
            assertThat(mirror.exists(BlobKeys.index(ID))).isTrue();
        }

        CliRun ls = run(first, "cache", "ls");
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).containsPattern(ID + "\\s+" + BUNDLED_ROOT + "\\s+\\d+");
        assertThat(run(first, "cache", "ls", "--json").out()).contains("\"id\" : \"" + ID + "\"", "\"car_bytes\" : ");

        Path second = home("second");
        CliRun pull = run(second, "cache", "pull");
        assertThat(pull.code()).isZero();
        assertThat(pull.out()).contains("pull from " + location()).contains(": 1 received, 0 skipped, 0 failed");
        assertThat(run(second, "cache", "pull", ID).out()).contains(": 0 received, 1 skipped, 0 failed");
        assertThat(run(second, "cache", "pull", ID, "--json").out()).contains("\"skipped\" : 1", "\"failed\" : 0",
                "\"id\" : \"" + ID + "\"", "\"status\" : \"skipped\"");
        CliRun get = run(second, "get", ID);
        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("from local store");
    }

    @Test
    void getIsServedByTheMirrorBeforeAnyOtherNetworkSource() throws IOException {
        useRegistryNaming(V1_ROOT);
        seedMirror(V1_ROOT, fixture());
        Path home = home("reader");
        assertThat(run(home, "registry", "update").code()).isZero();

        CliRun get = run(home, "get", ID);

        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("(CID " + V1_ROOT + ", from private mirror " + location());
        assertThat(Path.of(get.out().strip())).exists();
    }

    @Test
    void tamperedCarIsReportedAndNotUsed() throws IOException {
        useRegistryNaming(V1_ROOT);
        byte[] car = fixture();
        car[car.length - 1] ^= 1;
        seedMirror(V1_ROOT, car);
        Path home = home("reader");

        CliRun pull = run(home, "cache", "pull", ID);

        assertThat(pull.code()).isEqualTo(ExitCode.FAILED);
        assertThat(pull.err()).contains("private mirror " + location()).contains("served bad content");
        assertThat(pull.out()).contains(": 0 received, 0 skipped, 1 failed");
        try (var refs = Files.list(home.resolve("store/refs"))) {
            assertThat(refs).isEmpty();
        }

        CliRun get = run(home, "get", ID);
        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("served bad content").contains("from bundled library");
    }

    @Test
    void writeBackCopiesWhatOtherSourcesServedIntoTheMirror() throws IOException {
        Path writer = home("writer");
        Files.writeString(writer.resolve("config.yaml"), "cache:\n  writeBack: true\n", StandardOpenOption.APPEND);

        assertThat(run(writer, "get", ID).err()).contains("from bundled library");

        try (BlobStore mirror = mirror()) {
            assertThat(mirror.exists(BlobKeys.car(BUNDLED_ROOT))).isTrue();
            assertThat(mirror.exists(BlobKeys.index(ID))).isTrue();
        }
        assertThat(run(writer, "cache", "push", ID).out()).contains(": 0 sent, 1 skipped, 0 failed");
    }

    @Test
    void withoutWriteBackGetLeavesTheMirrorAlone() throws IOException {
        assertThat(run(home("reader"), "get", ID).code()).isZero();

        try (BlobStore mirror = mirror()) {
            assertThat(mirror.list("")).isEmpty();
        }
    }

    @Test
    void pushOfATraceNotInTheLocalStoreFails() throws IOException {
        CliRun push = run(home("empty"), "cache", "push", ID);

        assertThat(push.code()).isEqualTo(ExitCode.FAILED);
        assertThat(push.err()).contains("failed " + ID + ": not in the local store");
        assertThat(push.out()).contains(": 0 sent, 0 skipped, 1 failed");
    }

    @Test
    void cacheCommandsNeedAMirrorProfile() throws IOException {
        Path home = home("plain");
        Files.writeString(home.resolve("config.yaml"), "registry:\n  url: " + registry.toUri() + "\n");

        CliRun push = run(home, "cache", "push", "--all");

        assertThat(push.code()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).contains("no private mirror is configured");
    }

    /** Runs the CLI with {@code --home home}; checks that no secret appears in its output. */
    CliRun run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(Map.of(), tmp, all);
        for (String secret : secrets()) {
            assertThat(run.out() + run.err()).doesNotContain(secret);
        }
        return run;
    }

    /** A new home whose config file selects the mirror profile and a local registry file. */
    Path home(String name) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        List<String> lines = new ArrayList<>(List.of("registry:", "  url: " + registry.toUri()));
        lines.addAll(mirrorConfig());
        lines.add("");
        Files.writeString(home.resolve("config.yaml"), String.join("\n", lines));
        return home;
    }

    private void useRegistryNaming(String root) throws IOException {
        String json = new String(bundledRegistry(), StandardCharsets.UTF_8);
        String renamed = json.replaceAll("\"cid\"\\s*:\\s*\"" + BUNDLED_ROOT + "\"", "\"cid\": \"" + root + "\"");
        assertThat(renamed).contains(root);
        Files.writeString(registry, renamed);
    }

    private void seedMirror(String root, byte[] car) throws IOException {
        try (BlobStore mirror = mirror()) {
            mirror.put(BlobKeys.car(root), new ByteArrayInputStream(car), car.length);
            mirror.putIfMissing(BlobKeys.index(ID), BlobContent.of(("{\"id\":\"" + ID + "\",\"cid\":\"" + root + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = MirrorCliContract.class.getResourceAsStream("kingman-v1.ipfs-car.car")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bundledRegistry() throws IOException {
        try (InputStream in = MirrorCliContract.class.getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
