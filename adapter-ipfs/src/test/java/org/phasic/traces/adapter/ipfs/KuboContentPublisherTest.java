package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.ImportProfile;

/** The publisher's side of the RPC exchange, against a MockWebServer playing the node. */
class KuboContentPublisherTest {
    private static final String OURS = "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ";
    private static final String OTHER = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    @TempDir
    Path tmp;

    private KuboContentPublisher publisher(ImportProfile profile) {
        URI base = URI.create(server.url("/").toString().replaceAll("/$", ""));
        return new KuboContentPublisher(TestKubo.client(new ApiAddress(base, ApiAddress.Source.EXPLICIT),
                Duration.ofSeconds(5)), profile);
    }

    private Path directory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pkg"));
        Files.writeString(dir.resolve("metadata.json"), "{}");
        return dir;
    }

    private void answerAdd(String rootCid) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"Name\":\"pkg/metadata.json\",\"Hash\":\"" + OTHER + "\",\"Size\":\"10\"}\n"
                        + "{\"Name\":\"pkg\",\"Hash\":\"" + rootCid + "\",\"Size\":\"60\"}\n").build());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("expected a request").isNotNull();
        return request;
    }

    @Test
    void addsWithKuboDefaultsPinnedAndReturnsTheMatchingCid() throws Exception {
        answerAdd(OURS);

        Cid published = publisher(ImportProfile.KUBO).publish(directory(), Cid.parse(OURS));

        assertThat(published).isEqualTo(Cid.parse(OURS));
        HttpUrl url = take().getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/v0/add");
        assertThat(url.queryParameter("cid-version")).isEqualTo("0");
        assertThat(url.queryParameter("raw-leaves")).isEqualTo("false");
        assertThat(url.queryParameter("chunker")).isEqualTo("size-262144");
        assertThat(url.queryParameter("pin")).isEqualTo("true");
        assertThat(url.queryParameter("wrap-with-directory")).isEqualTo("false");
        assertThat(url.queryParameter("only-hash")).isEqualTo("false");
    }

    @Test
    void cidV1ProfileAsksForRawLeaves() throws Exception {
        String v1 = Cid.parse(OURS).toV1().toString();
        answerAdd(v1);

        publisher(ImportProfile.KUBO_V1).publish(directory(), Cid.parse(v1));

        HttpUrl url = take().getUrl();
        assertThat(url.queryParameter("cid-version")).isEqualTo("1");
        assertThat(url.queryParameter("raw-leaves")).isEqualTo("true");
    }

    @Test
    void aDifferentCidFromTheNodeIsAnErrorNamingBoth() throws Exception {
        answerAdd(OTHER);
        Path dir = directory();

        assertThatThrownBy(() -> publisher(ImportProfile.KUBO).publish(dir, Cid.parse(OURS)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("computed the directory CID " + OTHER)
                .hasMessageContaining(OURS + " was computed locally");
    }

    @Test
    void availableOnlyWhenVersionAnswers() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Version\":\"0.29.0\"}").build());
        server.enqueue(new MockResponse.Builder().code(500).body("{\"Message\":\"broken\",\"Code\":0}").build());

        KuboContentPublisher publisher = publisher(ImportProfile.KUBO);

        assertThat(publisher.available()).isTrue();
        assertThat(publisher.available()).isFalse();
        assertThat(publisher.name()).startsWith("IPFS daemon at http://");
    }

    @Test
    void aClosedPortIsNotAvailable() throws IOException {
        KuboContentPublisher publisher = publisher(ImportProfile.KUBO);
        server.close();

        assertThat(publisher.available()).isFalse();
    }

    @Test
    void refusesProfilesANodeCannotReproduce() {
        assertThatThrownBy(() -> publisher(ImportProfile.IPFS_CAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("174 links per node");
    }
}
