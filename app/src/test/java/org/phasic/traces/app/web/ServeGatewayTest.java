package org.phasic.traces.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.gateway.GatewayContentSource;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * {@code serve} over a store holding every bundled trace, checked by independent clients: our own gateway adapter (the
 * one {@code get} uses), npm ipfs-car's verifying unpacker, {@code sha256sum}, and plain HTTP as phasic's Python client
 * and browsers use it.
 */
class ServeGatewayTest {
    private static final Path TEST_PEERS = Path.of("..", "tools", "test-peers.sh");
    private static final int UNAVAILABLE = 75;

    @TempDir
    static Path tmp;
    private static ServedStore served;
    private static Registry registry;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void serveTheBundledTraces() throws IOException {
        served = ServedStore.start(tmp.resolve("home"), tmp.resolve("user"));
        registry = ServedStore.bundledRegistry();
    }

    @AfterAll
    static void stop() throws Exception {
        served.close();
    }

    @Test
    void everyStoredTraceIsProvenAgainstItsRegistryCid() {
        assertThat(registry.traces()).isNotEmpty();
        assertThat(served.provenTraces()).as("refused: %s", served.refused()).isEqualTo(registry.traces().size());
    }

    @Test
    void ourGatewayAdapterFetchesEveryBundledTraceIntoAnEmptyHomeThroughTheServerOnly(@TempDir Path emptyHome)
            throws IOException, InterruptedException {
        int before = served.accessLog().size();
        try (GatewayContentSource source = gatewayAdapter()) {
            for (TraceEntry entry : registry.traces().values()) {
                Cid root = Cid.parse(entry.cid());
                Path target = Files.createDirectories(emptyHome.resolve("traces").resolve(entry.id().value()))
                        .resolve(TraceEntry.TRACE_FILE);
                Optional<BlockFeed> feed = source.open(root, TraceEntry.TRACE_FILE);
                assertThat(feed).as("%s from the server", entry.id()).isPresent();
                try (BlockFeed blocks = feed.get(); OutputStream out = Files.newOutputStream(target)) {
                    new Reassembler().writeFile(root, TraceEntry.TRACE_FILE, blockSource(blocks), out);
                }
                assertThat("sha256:" + Sha256.hex(Files.readAllBytes(target))).as(entry.id().value()).isEqualTo(entry.checksum());
            }
        }
        List<String> log = served.accessLogOfAtLeast(before + registry.traces().size());
        assertThat(log.subList(before, log.size())).as("requests the server answered")
                .hasSizeGreaterThanOrEqualTo(registry.traces().size()).allMatch(line -> line.contains(" 200 "));
    }

    @Test
    void ourGatewayAdapterFetchesWholeFoldersAsGetDirDoes(@TempDir Path folders) throws IOException {
        try (GatewayContentSource source = gatewayAdapter()) {
            for (TraceEntry entry : registry.traces().values()) {
                Cid root = Cid.parse(entry.cid());
                Path folder = folders.resolve(entry.id().value());
                try (BlockFeed blocks = source.open(root, "").orElseThrow()) {
                    new Reassembler().writeTree(root, blockSource(blocks), folder);
                }
                assertFilesMatchTheRegistry(entry, folder);
            }
        }
    }

    @Test
    void npmIpfsCarUnpacksAndVerifiesOurCarOfEachTraceDirectory() throws Exception {
        Path ipfsCar = ipfsCar();
        for (TraceEntry entry : registry.traces().values()) {
            Path car = tmp.resolve(entry.id().value() + ".car");
            HttpResponse<Path> response = HTTP.send(get("/ipfs/" + entry.cid() + "?format=car&dag-scope=all").build(),
                    HttpResponse.BodyHandlers.ofFile(car));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.ipld.car; version=1; order=dfs; dups=n");
            Path out = tmp.resolve("unpacked-" + entry.id().value());
            Result unpack = run(List.of(ipfsCar.toString(), "unpack", car.toString(), "--verify", "--output", out.toString()));
            assertThat(unpack.exit()).as("ipfs-car unpack: %s", unpack.output()).isZero();
            assertFilesMatchTheRegistry(entry, out);
        }
    }

    @Test
    void sha256sumOfARawBlockIsTheDigestInsideItsCid() throws Exception {
        for (TraceEntry entry : registry.traces().values()) {
            for (String cidText : List.of(entry.cid(), entry.files().get(TraceEntry.TRACE_FILE).cid())) {
                Cid cid = Cid.parse(cidText);
                Path body = tmp.resolve(cidText + ".bin");
                HttpResponse<Path> response = HTTP.send(get("/ipfs/" + cidText + "?format=raw").build(),
                        HttpResponse.BodyHandlers.ofFile(body));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.ipld.raw");
                assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(body));
                Result sum = run(List.of("sha256sum", body.toString()));
                assertThat(sum.exit()).isZero();
                assertThat(sum.output().split(" ")[0]).isEqualTo(HexFormat.of().formatHex(cid.multihash().digest()));
            }
        }
    }

    @Test
    void aPlainGetOfAFileReturnsItsBytesWithTheGatewayHeaders() throws Exception {
        TraceEntry entry = registry.traces().values().iterator().next();
        HttpResponse<byte[]> response = HTTP.send(get("/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat("sha256:" + Sha256.hex(response.body())).isEqualTo(entry.checksum());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/gzip");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=29030400, immutable");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Vary")).contains("Accept");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + entry.files().get(TraceEntry.TRACE_FILE).cid() + "\"");

        HttpResponse<byte[]> again = HTTP.send(get("/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE)
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        HttpResponse<byte[]> head = HTTP.send(get("/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
    }

    @Test
    void aDirectoryPathReturnsAListingOfItsFiles() throws Exception {
        TraceEntry entry = registry.traces().values().iterator().next();
        HttpResponse<String> response = HTTP.send(get("/ipfs/" + entry.cid() + "/").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'");
        for (Map.Entry<String, FileRef> file : entry.files().entrySet()) {
            assertThat(response.body()).contains("href=\"/ipfs/" + entry.cid() + "/" + file.getKey() + "\"")
                    .contains(file.getValue().cid());
        }
    }

    @Test
    void carScopesCarryThePathBlocksThenTheSelectedBlocks() throws Exception {
        TraceEntry entry = registry.traces().values().iterator().next();
        Cid root = Cid.parse(entry.cid());
        Cid file = Cid.parse(entry.files().get(TraceEntry.TRACE_FILE).cid());

        List<Cid> block = carBlocks("/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE + "?format=car&dag-scope=block");
        List<Cid> all = carBlocks("/ipfs/" + entry.cid() + "?format=car");
        List<Cid> directoryEntity = carBlocks("/ipfs/" + entry.cid() + "?format=car&dag-scope=entity");

        assertThat(block).containsExactly(root, file);
        assertThat(directoryEntity).containsExactly(root);
        assertThat(all).startsWith(root).doesNotHaveDuplicates().contains(file).hasSizeGreaterThanOrEqualTo(1 + entry.files().size());
    }

    @Test
    void invalidUnknownAndUnsupportedRequestsGet400And404And406() throws Exception {
        TraceEntry entry = registry.traces().values().iterator().next();
        assertThat(status("/ipfs/not-a-cid")).isEqualTo(400);
        assertThat(status("/ipfs/" + Cid.compute(1, org.phasic.traces.domain.cid.Multicodec.RAW,
                "elsewhere".getBytes(StandardCharsets.UTF_8)))).isEqualTo(404);
        assertThat(status("/ipfs/" + entry.cid() + "/no-such-file")).isEqualTo(404);
        assertThat(status("/ipfs/" + entry.cid() + "?format=dag-json")).isEqualTo(406);
        assertThat(HTTP.send(get("/ipfs/" + entry.cid()).header("Accept", "application/vnd.ipld.dag-json").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(406);
        assertThat(HTTP.send(get("/ipfs/" + entry.cid()).header("Accept", "application/vnd.ipld.raw").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(status("/ipfs/" + entry.cid() + "?format=car&dag-scope=everything")).isEqualTo(400);
        assertThat(status("/")).as("the discovery site").isEqualTo(200);
        assertThat(status("/no-such-page")).isEqualTo(404);
    }

    @Test
    void theDiscoverySitesDownloadLinksReturnBytesThatVerify() throws Exception {
        for (TraceEntry entry : registry.traces().values()) {
            String page = HTTP.send(get("/trace/" + entry.id()).build(), HttpResponse.BodyHandlers.ofString()).body();
            String link = "/ipfs/" + entry.cid() + "/" + TraceEntry.TRACE_FILE;
            assertThat(page).as("the page of %s links its trace", entry.id()).contains("href=\"" + link + "\"");

            HttpResponse<byte[]> download = HTTP.send(get(link).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(download.statusCode()).isEqualTo(200);
            assertThat("sha256:" + Sha256.hex(download.body())).as(entry.id().toString()).isEqualTo(entry.checksum());
        }
    }

    static void assertFilesMatchTheRegistry(TraceEntry entry, Path folder) throws IOException {
        for (Map.Entry<String, FileRef> file : entry.files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            assertThat(path).as("%s/%s", entry.id(), file.getKey()).isRegularFile();
            assertThat(Files.size(path)).isEqualTo(file.getValue().sizeBytes());
            try (InputStream in = Files.newInputStream(path)) {
                assertThat(new UnixFsImporter(ImportProfile.KUBO).importFile(in).cid().toString()).isEqualTo(file.getValue().cid());
            }
        }
        assertThat("sha256:" + Sha256.hex(Files.readAllBytes(folder.resolve(TraceEntry.TRACE_FILE)))).isEqualTo(entry.checksum());
    }

    private static List<Cid> carBlocks(String path) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(get(path).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Cid> cids = new java.util.ArrayList<>();
        try (CarReader car = new CarReader(response.body())) {
            for (Block block = car.next(); block != null; block = car.next()) {
                cids.add(block.cid());
            }
        }
        return cids;
    }

    private static int status(String path) throws Exception {
        return HTTP.send(get(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(served.uri(path)).timeout(Duration.ofSeconds(20));
    }

    private static GatewayContentSource gatewayAdapter() {
        GatewaySettings settings = GatewaySettings.defaults("test").toBuilder().urls(served.address().toString())
                .retries(0).build();
        return GatewayContentSource.create(settings, new OkHttpClient(), TransferProgress.NONE, Notices.silent());
    }

    private static BlockSource blockSource(BlockFeed feed) throws IOException {
        if (feed instanceof BlockFeed.Car car) {
            return new CarStreamBlockSource(car.stream());
        }
        return ((BlockFeed.Lookup) feed).blocks();
    }

    /** npm ipfs-car from the shared test-peer cache; the test is skipped, with the reason, where it cannot be installed. */
    static Path ipfsCar() throws Exception {
        Result install = run(List.of("bash", TEST_PEERS.toString(), "install", "ipfs-car"));
        String[] lines = install.output().strip().split("\n");
        Assumptions.assumeTrue(install.exit() != UNAVAILABLE, () -> "npm ipfs-car is unavailable: " + lines[lines.length - 1]);
        assertThat(install.exit()).as("test-peers.sh install ipfs-car: %s", install.output()).isZero();
        return Path.of(lines[lines.length - 1], "node_modules", ".bin", "ipfs-car");
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static URI base() {
        return served.address();
    }
}
