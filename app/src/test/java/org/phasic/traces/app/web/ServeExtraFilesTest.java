package org.phasic.traces.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.bundle.KingmanTraces;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/**
 * A trace directory with a code file and a {@code checksum.sha256} (made by {@code sha256sum}), packed by npm's ipfs-car
 * and served by a loopback gateway: {@code get} stores the code file with the trace and its metadata (the checksum, in
 * the packager's format, is re-made from the trace), so {@code serve} proves the directory and serves the code file
 * too, and ipfs-car's verifying unpacker gets back exactly the published folder from the server's CAR. A store that
 * keeps only the trace and its metadata cannot prove it (the server refuses it).
 */
class ServeExtraFilesTest {
    private static final String ID = "kingman_n5_with_code";
    private static final String EXAMPLE = "from phasic import get_trace\nprint(get_trace('kingman_n5_with_code'))\n";
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private Path ipfsCar;
    private Path published;
    private Cid root;
    private Path registryFile;

    @BeforeEach
    void publishWithIpfsCar() throws Exception {
        ipfsCar = ServeGatewayTest.ipfsCar();
        published = Files.createDirectories(tmp.resolve("published"));
        for (Map.Entry<String, byte[]> file : KingmanTraces.files(5, new JacksonTraceCodec()).entrySet()) {
            Files.write(published.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(published.resolve("example.py"), EXAMPLE);
        ServeGatewayTest.Result sum = ServeGatewayTest.run(List.of("sha256sum", published.resolve(TraceEntry.TRACE_FILE).toString()));
        assertThat(sum.exit()).as(sum.output()).isZero();
        String sha256 = sum.output().split(" ")[0];
        Files.writeString(published.resolve("checksum.sha256"), sha256 + "  " + TraceEntry.TRACE_FILE + "\n");

        Path car = tmp.resolve("published.car");
        ServeGatewayTest.Result pack = ServeGatewayTest.run(List.of(ipfsCar.toString(), "pack", published.toString(), "--no-wrap",
                "--output", car.toString()));
        assertThat(pack.exit()).as("ipfs-car pack: %s", pack.output()).isZero();
        try (InputStream in = Files.newInputStream(car); CarReader reader = new CarReader(in)) {
            root = reader.roots().get(0);
        }
        byte[] carBytes = Files.readAllBytes(car);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(carBytes)).build();
            }
        });
        TraceEntry entry = new TraceEntry(TraceId.of(ID), root.toString(), "Kingman n=5 with a code file", null, Map.of(),
                "sha256:" + sha256, "MIT", null, Map.of());
        registryFile = tmp.resolve("registry.json");
        try (OutputStream out = Files.newOutputStream(registryFile)) {
            new JacksonRegistryCodec().write(Registry.empty("2026-12-05T00:00:00Z").with(entry, "2026-12-05T00:00:00Z"), out);
        }
    }

    /** {@code get ID} through the loopback gateway into {@code home}, with {@code settings} ("key=value") set. */
    private void get(Path home, String... settings) {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryFile.toUri()));
        for (String setting : settings) {
            args.addAll(List.of("--set", setting));
        }
        args.addAll(List.of("get", ID));
        CliRun run = CliRun.run(Map.of(), tmp.resolve("user"), args);
        assertThat(run.code()).as(run.err()).isZero();
    }

    private ServedStore serve(Path home) throws IOException {
        return ServedStore.restart(home, tmp.resolve("user"), Map.of("registry.url", registryFile.toUri().toString()));
    }

    @Test
    void everyFileIsStoredProvenAndServedAndIpfsCarVerifiesTheServedCar() throws Exception {
        Path home = tmp.resolve("home");
        get(home);

        try (ServedStore served = serve(home)) {
            assertThat(served.refused()).as("no warning at start").isEmpty();
            assertThat(served.provenTraces()).isEqualTo(1);

            HttpResponse<String> code = HTTP.send(request(served, "/ipfs/" + root + "/example.py").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(code.statusCode()).isEqualTo(200);
            assertThat(code.body()).isEqualTo(EXAMPLE);

            Path car = tmp.resolve("served.car");
            HttpResponse<Path> response = HTTP.send(request(served, "/ipfs/" + root + "?format=car&dag-scope=all").build(),
                    HttpResponse.BodyHandlers.ofFile(car));
            assertThat(response.statusCode()).isEqualTo(200);
            Path unpacked = tmp.resolve("unpacked");
            ServeGatewayTest.Result unpack = ServeGatewayTest.run(List.of(ipfsCar.toString(), "unpack", car.toString(),
                    "--verify", "--output", unpacked.toString()));
            assertThat(unpack.exit()).as("ipfs-car unpack: %s", unpack.output()).isZero();
            assertThat(names(unpacked)).containsExactly("checksum.sha256", "example.py", "metadata.json", "trace.json.gz");
            for (String name : names(published)) {
                assertThat(Files.readAllBytes(unpacked.resolve(name))).as(name).isEqualTo(Files.readAllBytes(published.resolve(name)));
            }
        }
    }

    @Test
    void aStoreKeepingOnlyTheTraceAndItsMetadataCannotProveTheDirectory() throws Exception {
        Path home = tmp.resolve("home");
        get(home, "store.maxExtraFiles=0");

        try (ServedStore served = serve(home)) {
            assertThat(served.refused()).singleElement().asString().contains(ID, "do not re-derive");
            assertThat(HTTP.send(request(served, "/ipfs/" + root + "/example.py").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        }
    }

    private static HttpRequest.Builder request(ServedStore served, String path) {
        return HttpRequest.newBuilder(served.uri(path)).timeout(Duration.ofSeconds(20));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
