package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.unixfs.SafePaths;

class KuboRpcClientMockTest {

    private static final String CID = "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private KuboRpcClient client(Duration timeout) {
        URI base = URI.create(server.url("/").toString().replaceAll("/$", ""));
        return TestKubo.client(new ApiAddress(base, ApiAddress.Source.EXPLICIT), timeout);
    }

    private KuboRpcClient client() {
        return client(Duration.ofSeconds(5));
    }

    private RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void http500WithJsonMessageBecomesExceptionNamingCallStatusAndMessage() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"Message\":\"merkledag: not found\",\"Code\":0,\"Type\":\"error\"}").build());

        assertThatThrownBy(() -> client().pinAdd(CID, true))
                .isInstanceOfSatisfying(IpfsApiException.class, e -> {
                    assertThat(e.call()).isEqualTo("pin/add");
                    assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.HTTP_ERROR);
                    assertThat(e.httpStatus()).hasValue(500);
                })
                .hasMessage("IPFS API call 'pin/add' failed with HTTP 500: merkledag: not found (code 0)");
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v0/pin/add");
        assertThat(request.getUrl().queryParameter("arg")).isEqualTo(CID);
        assertThat(request.getUrl().queryParameter("recursive")).isEqualTo("true");
        assertThat(request.getUrl().queryParameter("timeout")).isEqualTo("5000ms");
    }

    @Test
    void errorStatusWithoutJsonQuotesTheText() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());

        assertThatThrownBy(() -> client().repoStat())
                .isInstanceOf(IpfsApiException.class)
                .hasMessage("IPFS API call 'repo/stat' failed with HTTP 404: 404 page not found");
    }

    @Test
    void streamErrorTrailerAfter200FailsTheReadAtTheEnd() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Trailer", "X-Stream-Error")
                .chunkedBody("partial file content", 5)
                .trailers(Headers.of("X-Stream-Error", "context deadline exceeded"))
                .build());

        try (InputStream in = client().cat(CID)) {
            byte[] start = in.readNBytes(7);
            assertThat(new String(start, StandardCharsets.UTF_8)).isEqualTo("partial");
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOfSatisfying(IpfsApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.STREAM_ERROR);
                        assertThat(e.call()).isEqualTo("cat");
                    })
                    .hasMessage("IPFS API call 'cat' failed while streaming its answer: context deadline exceeded");
        }
    }

    @Test
    void streamWithEmptyTrailerEndsNormally() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Trailer", "X-Stream-Error")
                .chunkedBody("whole block", 4)
                .trailers(Headers.of("X-Stream-Error", ""))
                .build());

        try (InputStream in = client().blockGet(CID)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("whole block");
        }
        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v0/block/get");
    }

    @Test
    void streamErrorTrailerOnJsonCallFailsTheCall() {
        server.enqueue(new MockResponse.Builder()
                .chunkedBody("{\"Name\":\"a.txt\",\"Hash\":\"" + CID + "\",\"Size\":\"19\"}\n", 16)
                .trailers(Headers.of("X-Stream-Error", "blockstore: disk full"))
                .build());

        assertThatThrownBy(() -> client().add(writeFile("a.txt", "hello"), AddOptions.cidV0(), AddProgressListener.NONE))
                .isInstanceOf(IpfsApiException.class)
                .hasMessage("IPFS API call 'add' failed while streaming its answer: blockstore: disk full");
    }

    @Test
    void inBandErrorObjectInJsonLinesFailsTheCall() {
        server.enqueue(new MockResponse.Builder()
                .body("{\"Message\":\"file too large\",\"Code\":0,\"Type\":\"error\"}\n").build());

        assertThatThrownBy(() -> client().add(writeFile("a.txt", "hello"), AddOptions.cidV0(), AddProgressListener.NONE))
                .isInstanceOfSatisfying(IpfsApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.STREAM_ERROR))
                .hasMessageContaining("file too large");
    }

    @Test
    void neverEndingCatTimesOutWithClearMessage() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .chunkedBody("first bytes then nothing", 5)
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());
        Duration timeout = Duration.ofMillis(700);
        long start = System.nanoTime();

        assertThatThrownBy(() -> {
            try (InputStream in = client(timeout).cat(CID)) {
                in.readAllBytes();
            }
        }).isInstanceOfSatisfying(IpfsApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.TIMEOUT);
            assertThat(e.call()).isEqualTo("cat");
        }).hasMessageContaining("timed out").hasMessageContaining("700 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(take().getUrl().queryParameter("timeout")).isEqualTo("700ms");
    }

    @Test
    void headersThatNeverComeAlsoTimeOut() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        assertThatThrownBy(() -> client(Duration.ofMillis(500)).version())
                .isInstanceOfSatisfying(IpfsApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.TIMEOUT));
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KuboRpcClient client = TestKubo.client(
                ApiAddress.parse("/ip4/127.0.0.1/tcp/" + port, ApiAddress.Source.DEFAULT), Duration.ofSeconds(2));

        assertThatThrownBy(client::version)
                .isInstanceOfSatisfying(IpfsApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(IpfsApiException.Kind.UNREACHABLE))
                .hasMessageContaining("could not connect").hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void versionAndIdAndRepoStatAreParsed() throws Exception {
        server.enqueue(json("{\"Version\":\"0.29.0\",\"Commit\":\"3f0947b\",\"Repo\":\"15\",\"System\":\"amd64/linux\"}"));
        server.enqueue(json("{\"ID\":\"12D3KooWabc\",\"AgentVersion\":\"kubo/0.29.0/\",\"Addresses\":[\"/ip4/127.0.0.1/tcp/4001\"]}"));
        server.enqueue(json("{\"NumObjects\":\"5\",\"RepoSize\":3334,\"RepoPath\":\"/r\",\"Version\":\"fs-repo@15\",\"StorageMax\":\"10000\"}"));
        KuboRpcClient client = client();

        assertThat(client.version()).isEqualTo(new VersionInfo("0.29.0", "3f0947b", "15"));
        assertThat(client.id()).isEqualTo(new PeerIdentity("12D3KooWabc", "kubo/0.29.0/", List.of("/ip4/127.0.0.1/tcp/4001")));
        assertThat(client.repoStat()).isEqualTo(new RepoStat(3334, 10000, 5, "/r", "fs-repo@15"));
    }

    @Test
    void answerWithoutRequiredFieldIsRejected() {
        server.enqueue(json("{\"Commit\":\"x\"}"));

        assertThatThrownBy(() -> client().version())
                .isInstanceOf(IpfsApiException.class)
                .hasMessage("IPFS API call 'version' failed: the answer lacks the text field 'Version'");
    }

    @Test
    void notJsonIsRejected() {
        server.enqueue(new MockResponse.Builder().body("<html>proxy error</html>").build());

        assertThatThrownBy(() -> client().id())
                .isInstanceOf(IpfsApiException.class)
                .hasMessageContaining("'id'").hasMessageContaining("not valid JSON");
    }

    @Test
    void invalidCidIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client().cat("not-a-cid/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CID: 'not-a-cid'");
        assertThatThrownBy(() -> client().cat(CID + "/../etc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid IPFS path");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void addDirectorySendsSortedFilePartsNamedByPathWithV1OptionsAndReportsProgress(@TempDir Path tmp)
            throws Exception {
        String encodingProblem = SafePaths.unrepresentableReason("c ü.txt");
        Assumptions.assumeTrue(encodingProblem == null, () -> "needs a non-ASCII file name: " + encodingProblem);
        Path dir = tmp.resolve("my dir");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.txt"), "bbb");
        Files.writeString(dir.resolve("a.txt"), "aa");
        Files.writeString(dir.resolve("sub/c ü.txt"), "cccc");
        server.enqueue(new MockResponse.Builder().body("""
                {"Name":"my dir/a.txt","Hash":"bafkreiaaaaaaaaaaaaaaaaaaaa","Size":"2"}
                {"Name":"my dir/b.txt","Hash":"bafkreibbbbbbbbbbbbbbbbbbbb","Size":"3"}
                {"Name":"my dir/sub/c ü.txt","Hash":"bafkreicccccccccccccccccccc","Size":"4"}
                {"Name":"my dir/sub","Hash":"bafybeisubsubsubsubsubsubsub","Size":"60"}
                {"Name":"my dir","Hash":"bafybeirootrootrootrootroot","Size":"200"}
                """).build());
        List<long[]> progress = new ArrayList<>();

        AddResult result = client().add(dir, AddOptions.cidV1RawLeaves().withChunker("size-1048576"),
                (sent, total) -> progress.add(new long[] {sent, total}));

        assertThat(result.rootCid()).isEqualTo("bafybeirootrootrootrootroot");
        assertThat(result.entries()).hasSize(5);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(9, 9);
        RecordedRequest request = take();
        assertThat(request.getUrl().queryParameter("cid-version")).isEqualTo("1");
        assertThat(request.getUrl().queryParameter("raw-leaves")).isEqualTo("true");
        assertThat(request.getUrl().queryParameter("chunker")).isEqualTo("size-1048576");
        assertThat(request.getUrl().queryParameter("cid-base")).isEqualTo("base32");
        assertThat(request.getUrl().queryParameter("pin")).isEqualTo("true");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        String body = request.getBody().utf8();
        assertThat(body).doesNotContain("x-directory");
        int a = body.indexOf("filename=\"my%20dir/a.txt\"");
        int b = body.indexOf("filename=\"my%20dir/b.txt\"");
        int c = body.indexOf("filename=\"my%20dir/sub/c%20%C3%BC.txt\"");
        assertThat(a).isPositive();
        assertThat(b).isGreaterThan(a);
        assertThat(c).isGreaterThan(b);
    }

    @Test
    void addFileWithoutRootEntryInAnswerFails(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("x.bin"), "x");
        server.enqueue(new MockResponse.Builder().body("{\"Name\":\"other\",\"Hash\":\"" + CID + "\",\"Size\":9}\n").build());

        assertThatThrownBy(() -> client().add(file, AddOptions.cidV0(), AddProgressListener.NONE))
                .isInstanceOf(IpfsApiException.class).hasMessageContaining("no entry for the root 'x.bin'");
        assertThat(take().getUrl().queryParameter("cid-base")).isNull();
    }

    @Test
    void addRefusesSymbolicLinks(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("a"), "a");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> client().add(dir, AddOptions.cidV0(), AddProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolic link");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void pinLsParsesKeysAndAsksForBase32OnlyForV1() throws Exception {
        String v1 = "bafybeidmaewrx3p5uhe5a5nyzlwrzrxqkf7tpbknxqvoofnsvi6ruzkage";
        server.enqueue(json("{\"Keys\":{\"" + v1 + "\":{\"Type\":\"recursive\"}}}"));
        server.enqueue(json("{\"Keys\":{\"" + CID + "\":{\"Type\":\"direct\"},\"zdj7W\":{\"Type\":\"recursive\"}}}"));
        KuboRpcClient client = client();

        assertThat(client.pinLs(Optional.of(v1), PinType.RECURSIVE)).containsExactly(new PinnedCid(v1, "recursive"));
        assertThat(client.pinLs(Optional.empty(), PinType.ALL))
                .containsExactly(new PinnedCid(CID, "direct"), new PinnedCid("zdj7W", "recursive"));
        RecordedRequest first = take();
        assertThat(first.getUrl().queryParameter("cid-base")).isEqualTo("base32");
        assertThat(first.getUrl().queryParameter("type")).isEqualTo("recursive");
        RecordedRequest second = take();
        assertThat(second.getUrl().queryParameter("cid-base")).isNull();
        assertThat(second.getUrl().queryParameter("arg")).isNull();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @TempDir
    Path tempDir;

    private Path writeFile(String name, String content) throws IOException {
        return Files.writeString(tempDir.resolve(name), content);
    }
}
