package org.phasic.traces.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.cloud.S3BlobStoreFactory;
import org.phasic.traces.adapter.cloud.S3Credentials;
import org.phasic.traces.adapter.cloud.S3Settings;
import org.phasic.traces.adapter.cloud.Secret;
import org.phasic.traces.ports.out.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import org.phasic.traces.app.testing.CliRun;

/** Profile {@code s3} against S3Proxy, a real S3 API server on 127.0.0.1, with static keys from the config file. */
class S3MirrorCliTest extends MirrorCliContract {
    private static final String BUCKET = "phasic-mirror";
    private static final String ACCESS_KEY = "AKIDPHASICCACHETEST01";
    private static final String SECRET_KEY = "cache-Secret-Key-0123456789abcdefXYZ";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static S3Proxy proxy;

    private String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        try (S3Client client = new S3BlobStoreFactory().client(settings(""))) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    @BeforeEach
    void newPrefix() {
        prefix = "team/run" + PREFIXES.incrementAndGet();
    }

    @Override
    protected List<String> mirrorConfig() {
        return List.of("profile: s3", "s3:", "  bucket: " + BUCKET, "  prefix: " + prefix, "  endpoint: " + endpoint(),
                "  pathStyle: true", "  accessKeyId: " + ACCESS_KEY, "  secretAccessKey: " + SECRET_KEY);
    }

    @Override
    protected BlobStore mirror() {
        return new S3BlobStoreFactory().create(settings(prefix));
    }

    @Override
    protected String location() {
        return "s3://" + BUCKET + "/" + prefix;
    }

    @Override
    protected List<String> secrets() {
        return List.of(ACCESS_KEY, SECRET_KEY);
    }

    @Test
    void secretsAreMaskedInConfigShow() throws IOException {
        CliRun show = run(home("show"), "config", "show");

        assertThat(show.code()).isZero();
        assertThat(show.out()).containsPattern("s3\\.secretAccessKey\\s+\\*\\*\\*\\*").contains("s3.bucket");
    }

    @Test
    void wrongSecretFailsWithoutShowingIt() throws IOException {
        String wrong = "wrong-Secret-Key-0123456789abcdef";
        var home = home("wrong");
        java.nio.file.Files.writeString(home.resolve("config.yaml"), java.nio.file.Files.readString(home.resolve("config.yaml"))
                .replace(SECRET_KEY, wrong));

        CliRun push = run(home, "cache", "ls");

        assertThat(push.code()).isEqualTo(1);
        assertThat(push.out() + push.err()).doesNotContain(wrong).contains(location());
    }

    @Test
    void failingWriteBackIsANoticeAndTheGetStillSucceeds() throws IOException {
        var home = home("writer");
        java.nio.file.Files.writeString(home.resolve("config.yaml"), java.nio.file.Files.readString(home.resolve("config.yaml"))
                .replace(SECRET_KEY, "wrong-Secret-Key-0123456789abcdef") + "cache:\n  writeBack: true\n");

        CliRun get = run(home, "get", ID);

        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("from bundled library")
                .contains("fetched " + ID + " from bundled library but could not pass it on");
        try (BlobStore mirror = mirror()) {
            assertThat(mirror.list("")).isEmpty();
        }
    }

    private static S3Settings settings(String prefix) {
        return S3Settings.of(BUCKET, "us-east-1").withPrefix(prefix).withEndpoint(endpoint(), true)
                .withCredentials(new S3Credentials.StaticKeys(Secret.of(ACCESS_KEY), Secret.of(SECRET_KEY)));
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }
}
