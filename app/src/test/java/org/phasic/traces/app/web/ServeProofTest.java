package org.phasic.traces.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/** What {@code serve} proves: traces stored after start are found by a rescan, and bytes changed on disk never leave. */
class ServeProofTest {
    private static final String FIRST = "kingman_n3_theta1";
    private static final String LATER = "kingman_n5_theta1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    private final Registry registry = ServedStore.bundledRegistry();

    private static ServeSettings quickRescan() {
        ServeSettings d = ServeSettings.DEFAULTS;
        return new ServeSettings(d.bind(), d.port(), d.maxRequests(), d.maxQueued(), d.queueTimeout(), d.maxHeaderBytes(),
                d.idleTimeout(), d.minDataRate(), d.stopTimeout(), Duration.ofMillis(50));
    }

    @Test
    void aTraceStoredAfterTheStartIsServedOnceProvenAndOnlyThen() throws Exception {
        Path home = tmp.resolve("home");
        try (ServedStore served = ServedStore.startWith(home, tmp.resolve("user"), quickRescan(), FIRST)) {
            TraceEntry later = registry.find(TraceId.of(LATER)).orElseThrow();
            assertThat(served.provenTraces()).isEqualTo(1);
            assertThat(get(served, "/ipfs/" + later.cid() + "?format=raw").statusCode()).isEqualTo(404);

            ServedStore.install(home, tmp.resolve("user"), LATER);
            Thread.sleep(100);

            HttpResponse<byte[]> response = get(served, "/ipfs/" + later.cid() + "/" + TraceEntry.TRACE_FILE);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat("sha256:" + org.phasic.traces.domain.io.Sha256.hex(response.body())).isEqualTo(later.checksum());
        }
    }

    @Test
    void bytesChangedOnDiskAfterTheProofAreNeverServed() throws Exception {
        Path home = tmp.resolve("home");
        try (ServedStore served = ServedStore.startWith(home, tmp.resolve("user"), ServeSettings.DEFAULTS, FIRST)) {
            TraceEntry entry = registry.find(TraceId.of(FIRST)).orElseThrow();
            String fileCid = entry.files().get(TraceEntry.TRACE_FILE).cid();
            Path object = home.resolve("store").resolve("objects").resolve(fileCid);
            byte[] original = Files.readAllBytes(object);
            byte[] forged = original.clone();
            Arrays.fill(forged, forged.length / 2, forged.length, (byte) 'X');
            assertThat(get(served, "/ipfs/" + fileCid + "?format=raw").statusCode()).as("before the change").isEqualTo(200);

            Files.write(object, forged);

            for (String path : new String[] {"/ipfs/" + fileCid + "?format=raw", "/ipfs/" + entry.cid() + "?format=car",
                    "/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE}) {
                HttpResponse<byte[]> response;
                try {
                    response = get(served, path);
                } catch (java.io.IOException aborted) {
                    continue;
                }
                assertThat(response.statusCode()).as(path).isNotEqualTo(200);
                assertThat(indexOf(response.body(), "XXXXXXXX".getBytes())).as(path).isNegative();
            }
        }
    }

    private static int indexOf(byte[] body, byte[] part) {
        for (int i = 0; i + part.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static HttpResponse<byte[]> get(ServedStore served, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(served.uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
