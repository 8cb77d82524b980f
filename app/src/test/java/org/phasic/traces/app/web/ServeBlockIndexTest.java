package org.phasic.traces.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/**
 * The verified block index kept under the home: written at the first start, read (not re-derived) at the next, rebuilt
 * when damaged, brought up to date when the store gains or loses traces, and never a way to serve what left the store.
 */
class ServeBlockIndexTest {
    private static final String FIRST = "kingman_n3_theta1";
    private static final String SECOND = "kingman_n5_theta1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    private final Registry registry = ServedStore.bundledRegistry();

    private Path home() {
        return tmp.resolve("home");
    }

    private Path user() {
        return tmp.resolve("user");
    }

    private Path indexFile() {
        return home().resolve("serve").resolve("block-index");
    }

    @Test
    void theFirstStartDerivesAndWritesTheIndexAndARestartReadsItWithoutDeriving() throws Exception {
        try (ServedStore served = ServedStore.startWith(home(), user(), ServeSettings.DEFAULTS, FIRST, SECOND)) {
            assertThat(served.index().derived()).isEqualTo(2);
            assertThat(served.index().traces()).isEqualTo(2);
            assertThat(served.index().notes()).isEmpty();
        }
        assertThat(indexFile()).isRegularFile();
        byte[] written = Files.readAllBytes(indexFile());

        try (ServedStore restarted = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(restarted.index().derived()).as("traces derived at the restart").isZero();
            assertThat(restarted.index().traces()).isEqualTo(2);
            assertThat(restarted.index().notes()).isEmpty();
            assertServesTraceFile(restarted, SECOND);
            assertThat(get(restarted, "/ipfs/" + entry(FIRST).cid() + "?format=car&dag-scope=all").statusCode()).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(indexFile())).as("an up-to-date index is not rewritten").isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flipped byte", "truncated", "empty", "appended", "other format"})
    void aDamagedIndexIsRebuiltWithANote(String damage) throws Exception {
        try (ServedStore served = ServedStore.startWith(home(), user(), ServeSettings.DEFAULTS, FIRST)) {
            assertThat(served.index().derived()).isEqualTo(1);
        }
        byte[] good = Files.readAllBytes(indexFile());
        Map<String, UnaryOperator<byte[]>> damages = Map.of(
                "flipped byte", bytes -> flip(bytes, bytes.length / 2),
                "truncated", bytes -> Arrays.copyOf(bytes, bytes.length - 40),
                "empty", bytes -> new byte[0],
                "appended", bytes -> Arrays.copyOf(bytes, bytes.length + 1),
                "other format", bytes -> "{\"blocks\": []}".getBytes());
        Files.write(indexFile(), damages.get(damage).apply(good));

        try (ServedStore restarted = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(restarted.index().derived()).as("re-derived after the damage").isEqualTo(1);
            assertThat(restarted.index().notes()).singleElement().asString()
                    .contains("block index").contains("not usable").contains("rebuilt");
            assertServesTraceFile(restarted, FIRST);
        }
        try (ServedStore again = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(again.index().derived()).as("the rebuilt index is read").isZero();
            assertThat(again.index().notes()).isEmpty();
        }
    }

    @Test
    void tracesStoredOrRemovedWhileStoppedAreDerivedOrDroppedAtTheNextStart() throws Exception {
        try (ServedStore served = ServedStore.startWith(home(), user(), ServeSettings.DEFAULTS, FIRST)) {
            assertThat(served.index().traces()).isEqualTo(1);
        }
        ServedStore.install(home(), user(), SECOND);
        try (ServedStore restarted = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(restarted.index().derived()).as("only the new trace is derived").isEqualTo(1);
            assertThat(restarted.index().traces()).isEqualTo(2);
            assertServesTraceFile(restarted, SECOND);
        }
        removeFromStore(FIRST);
        try (ServedStore restarted = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(restarted.index().derived()).isZero();
            assertThat(restarted.index().traces()).isEqualTo(1);
            assertThat(get(restarted, "/ipfs/" + entry(FIRST).cid() + "?format=raw").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTraceRemovedFromTheStoreWhileServingIsNoLongerServedAndLeavesTheIndex() throws Exception {
        TraceEntry first = entry(FIRST);
        String fileCid = first.files().get(TraceEntry.TRACE_FILE).cid();
        List<String> paths = List.of("/ipfs/" + first.cid() + "?format=raw", "/ipfs/" + first.cid() + "?format=car",
                "/ipfs/" + first.cid() + "/" + TraceEntry.TRACE_FILE, "/ipfs/" + fileCid + "?format=raw", "/ipfs/" + first.cid());
        ServeSettings slowRescan = withRescan(Duration.ofHours(1));
        try (ServedStore served = ServedStore.startWith(home(), user(), slowRescan, FIRST, SECOND)) {
            for (String path : paths) {
                assertThat(get(served, path).statusCode()).as("before: " + path).isEqualTo(200);
            }

            removeFromStore(FIRST);

            for (String path : paths) {
                assertThat(get(served, path).statusCode()).as("after: " + path).isEqualTo(404);
            }
            assertServesTraceFile(served, SECOND);
        }
        try (ServedStore restarted = ServedStore.restart(home(), user(), slowRescan)) {
            assertThat(restarted.index().derived()).as("the index was updated while serving").isZero();
            assertThat(restarted.index().traces()).isEqualTo(1);
        }
    }

    @Test
    void aTraceStoredWhileServingIsServedAtOnceDespiteALongRescanInterval() throws Exception {
        try (ServedStore served = ServedStore.startWith(home(), user(), withRescan(Duration.ofHours(1)), FIRST)) {
            assertThat(get(served, "/ipfs/" + entry(SECOND).cid() + "?format=raw").statusCode()).isEqualTo(404);

            ServedStore.install(home(), user(), SECOND);

            assertServesTraceFile(served, SECOND);
        }
        try (ServedStore restarted = ServedStore.restart(home(), user(), ServeSettings.DEFAULTS)) {
            assertThat(restarted.index().derived()).isZero();
            assertThat(restarted.index().traces()).isEqualTo(2);
        }
    }

    private void removeFromStore(String id) {
        CliRun remove = CliRun.run(Map.of(), user(), List.of("--home", home().toString(), "--offline", "--quiet", "store", "rm", id));
        assertThat(remove.code()).as(remove.err()).isZero();
    }

    private static ServeSettings withRescan(Duration rescan) {
        ServeSettings d = ServeSettings.DEFAULTS;
        return new ServeSettings(d.bind(), d.port(), d.maxRequests(), d.maxQueued(), d.queueTimeout(), d.maxHeaderBytes(),
                d.idleTimeout(), d.minDataRate(), d.stopTimeout(), rescan);
    }

    private TraceEntry entry(String id) {
        return registry.find(TraceId.of(id)).orElseThrow();
    }

    private void assertServesTraceFile(ServedStore served, String id) throws Exception {
        HttpResponse<byte[]> response = get(served, "/ipfs/" + entry(id).cid() + "/" + TraceEntry.TRACE_FILE);
        assertThat(response.statusCode()).as(id).isEqualTo(200);
        assertThat("sha256:" + Sha256.hex(response.body())).isEqualTo(entry(id).checksum());
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 1;
        return copy;
    }

    private static HttpResponse<byte[]> get(ServedStore served, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(served.uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
