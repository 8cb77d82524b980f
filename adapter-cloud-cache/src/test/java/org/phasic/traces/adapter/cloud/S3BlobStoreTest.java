package org.phasic.traces.adapter.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.cloud.contract.BlobStoreContract;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The blob-store contract against S3Proxy, an S3 API server running in this JVM. */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String BUCKET = "phasic-mirror";
    private static final int PART_SIZE = (int) S3Settings.MIN_PART_SIZE;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client raw;

    private String prefix;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        raw = new S3BlobStoreFactory().client(server.settings(BUCKET));
        raw.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopServer() throws Exception {
        raw.close();
        server.stop();
    }

    @Override
    protected BlobStore newStore() {
        prefix = "team/mirror" + PREFIXES.incrementAndGet();
        return new S3BlobStoreFactory().create(server.settings(BUCKET).withPrefix(prefix)
                .withMultipart(PART_SIZE, PART_SIZE));
    }

    @Override
    protected void tamper(String key, byte[] replacement) {
        String name = BlobKeys.join(prefix, key);
        HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(name));
        raw.putObject(b -> b.bucket(BUCKET).key(name).metadata(head.metadata()), RequestBody.fromBytes(replacement));
    }

    @Override
    protected int largeObjectSize() {
        return 2 * PART_SIZE + 12_345;
    }

    @Override
    protected void assertChunkedUpload(String key, int size) {
        HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(BlobKeys.join(prefix, key)));
        assertThat(head.eTag()).as("multipart ETag names its part count").endsWith("-3\"");
    }

    @Test
    void aFailedPartAbortsTheMultipartUploadAndLeavesNoObject() throws Exception {
        S3Settings settings = server.settings(BUCKET).withPrefix(prefix).withMultipart(PART_SIZE, PART_SIZE);
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger parts = new AtomicInteger();
        S3Client failingSecondPart = intercept(new S3BlobStoreFactory().client(settings), (method, args) -> {
            calls.add(method);
            if (method.equals("uploadPart") && parts.incrementAndGet() == 2) {
                throw SdkClientException.create("simulated connection reset");
            }
        });
        byte[] content = randomBytes(largeObjectSize());

        try (BlobStore failing = new S3BlobStore(failingSecondPart, settings)) {
            assertThatThrownBy(() -> failing.put("cars/a.car", new ByteArrayInputStream(content), content.length))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("S3 upload of 'cars/a.car'").hasMessageContaining("simulated connection reset");
        }

        assertThat(calls).containsSubsequence("createMultipartUpload", "uploadPart", "uploadPart", "abortMultipartUpload")
                .doesNotContain("completeMultipartUpload");
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads()).isEmpty();
        assertThat(store.exists("cars/a.car")).isFalse();
    }

    @Test
    void readsCredentialsFromANamedProfile(@TempDir Path home) throws Exception {
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = wrong\naws_secret_access_key = wrong\n"
                + "[mirror]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY + "\n");
        S3Settings settings = server.settings(BUCKET).withPrefix(prefix)
                .withCredentials(new S3Credentials.Profile("mirror", Optional.of(credentials)));

        try (BlobStore viaProfile = new S3BlobStoreFactory().create(settings)) {
            viaProfile.put("index/p.json", new ByteArrayInputStream(new byte[] {7}), 1);
        }
        assertThat(read("index/p.json")).containsExactly(7);
    }

    @Test
    void readsCredentialsFromTheDefaultChain() throws Exception {
        S3Settings settings = server.settings(BUCKET).withPrefix(prefix).withCredentials(new S3Credentials.DefaultChain());
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        try (BlobStore viaChain = new S3BlobStoreFactory().create(settings)) {
            viaChain.put("index/d.json", new ByteArrayInputStream(new byte[] {8}), 1);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(read("index/d.json")).containsExactly(8);
    }

    @Test
    void aWrongSecretFailsWithoutRevealingTheKeys() throws Exception {
        String wrongSecret = "wR0ng-Secret-Never-Print-Me-42";
        S3Settings settings = server.settings(BUCKET).withPrefix(prefix).withCredentials(
                new S3Credentials.StaticKeys(Secret.of(S3ProxyServer.ACCESS_KEY), Secret.of(wrongSecret)));

        try (BlobStore wrong = new S3BlobStoreFactory().create(settings)) {
            assertThatThrownBy(() -> wrong.put("index/x.json", new ByteArrayInputStream(new byte[1]), 1))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("HTTP 403")
                    .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(wrongSecret, S3ProxyServer.ACCESS_KEY));
            assertThat(wrong.toString() + settings + settings.location()).doesNotContain(wrongSecret, S3ProxyServer.ACCESS_KEY);
        }
    }

    @Test
    void secretsEchoedByTheBackendAreRedactedAndTheCauseIsDropped() throws Exception {
        S3Settings settings = server.settings(BUCKET).withPrefix(prefix);
        S3Client echoing = intercept(new S3BlobStoreFactory().client(settings), (method, args) -> {
            if (method.equals("headObject")) {
                throw S3Exception.builder().statusCode(400).message("bad key " + S3ProxyServer.SECRET_KEY)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequest")
                                .errorMessage("signed with " + S3ProxyServer.SECRET_KEY).build())
                        .build();
            }
        });

        try (BlobStore echoingStore = new S3BlobStore(echoing, settings)) {
            assertThatThrownBy(() -> echoingStore.stat("index/x.json"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("HTTP 400 InvalidRequest: signed with " + Secret.REDACTED)
                    .hasNoCause()
                    .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(S3ProxyServer.SECRET_KEY));
        }
    }

    /** @return the client, with {@code before} run ahead of every call (it may throw to fail the call) */
    private static S3Client intercept(S3Client client, BiConsumer<String, Object[]> before) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    before.accept(method.getName(), args);
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String everythingPrinted(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
