package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/**
 * {@code get ID --dir DIR} from a trustless gateway, or offline from the store once the trace was fetched: every entry
 * of the directory, verified, the extra file included.
 */
class GatewayFolderTest {
    private static final String ID = "gateway_folder_n5";
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private GatewayTraces.Published published;
    private Path registryFile;

    @BeforeEach
    void publish() throws Exception {
        published = GatewayTraces.publish(work, ID, "the extra file");
        registryFile = GatewayTraces.writeRegistry(work.resolve("registry.json"), List.of(published));
    }

    private void serve(byte[] carBytes) {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(carBytes)).build();
            }
        });
    }

    private CliRun getDir(Path dir) {
        return cli("get", ID, "--dir", dir.toString());
    }

    private CliRun cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--home", userHome.resolve("home").toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryFile.toUri()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), userHome, all);
    }

    @Test
    void everyEntryIsWrittenVerified() throws Exception {
        serve(published.car());
        Path dir = work.resolve("out");

        CliRun run = getDir(dir);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("note.txt"))).isEqualTo("the extra file");
        assertThat(Files.readAllBytes(dir.resolve("trace.json.gz"))).isEqualTo(published.traceBytes());
        assertThat(dir.resolve("metadata.json")).isRegularFile();
        assertThat(run.err()).contains("from gateways");
        assertThat(gateway.getRequestCount()).as("one request: the folder is written from what the fetch stored").isEqualTo(1);
    }

    @Test
    void aTraceFetchedOnceWritesItsWholeFolderOfflineFromTheStore() throws Exception {
        serve(published.car());
        assertThat(cli("get", ID).code()).isZero();
        int requests = gateway.getRequestCount();
        Path dir = work.resolve("out");

        CliRun run = cli("--offline", "get", ID, "--dir", dir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("note.txt"))).isEqualTo("the extra file");
        assertThat(Files.readAllBytes(dir.resolve("trace.json.gz"))).isEqualTo(published.traceBytes());
        assertThat(run.err()).contains("from local store");
        assertThat(gateway.getRequestCount()).as("no request to the gateway").isEqualTo(requests);
    }

    @Test
    void aTamperedExtraFileWritesNothing() throws Exception {
        byte[] car = published.car();
        byte[] note = "the extra file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(car, note);
        assertThat(at).isPositive();
        byte[] tampered = car.clone();
        tampered[at] ^= 0x01;
        Path dir = work.resolve("out");
        serve(car);
        assertThat(cli("--set", "store.maxExtraFiles=0", "get", ID).code()).as("the store keeps trace and metadata only").isZero();
        serve(tampered);

        CliRun run = getDir(dir);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("could not fetch the whole folder of " + ID,
                "local store: its files (metadata.json, trace.json.gz) are not the whole folder");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.toList()).as("nothing written, no staging folder left").isEmpty();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
