package org.phasic.traces.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.cloud.S3BlobStoreFactory;
import org.phasic.traces.adapter.cloud.S3Credentials;
import org.phasic.traces.adapter.cloud.S3Settings;
import org.phasic.traces.adapter.cloud.Secret;
import org.phasic.traces.app.Main;
import org.phasic.traces.app.bundle.BundleBuilder;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.ports.out.BlobContent;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --profile s3} and {@code cache push|pull|ls} end to end through the CLI, against S3Proxy (a real S3 API
 * server) on 127.0.0.1, configured only through each home's config file.
 */
class S3MirrorCliTest {
    private static final String BUCKET = "phasic-mirror";
    private static final String ACCESS_KEY = "AKIDPHASICCACHETEST01";
    private static final String SECRET_KEY = "cache-Secret-Key-0123456789abcdefXYZ";
    private static final String ID = "kingman_n5_theta1";
    private static final String BUNDLED_ROOT = "Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg";
    /** The same trace packed by npm ipfs-car (CIDv1): not in the bundled library. */
    private static final String V1_ROOT = "bafybeif5afxpafrxehtcdtaysp4rhmcggkvb2sn6ahwv3xf7bxafgzzcza";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static S3Proxy proxy;

    @TempDir
    Path tmp;

    private String prefix;
    private Path registry;
    private final List<String> transcript = new ArrayList<>();

    record Run(int code, String out, String err) {
    }

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
    void setUp() throws IOException {
        prefix = "team/run" + PREFIXES.incrementAndGet();
        registry = tmp.resolve("registry.json");
        Files.write(registry, bundledRegistry());
    }

    @Test
    void pushSendsOnlyWhatIsMissingAndPullRoundTripsIntoAnEmptyHome() throws IOException {
        Path first = home("first");
        assertThat(run(first, "get", ID).err()).contains("from bundled library");

        Run push = run(first, "cache", "push", "--all");
        Run again = run(first, "cache", "push", "--all");

        assertThat(push.code()).isZero();
        assertThat(push.out()).contains("push to s3://" + BUCKET + "/" + prefix).contains(": 1 sent, 0 skipped, 0 failed");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains(": 0 sent, 1 skipped, 0 failed");
        try (BlobStore mirror = mirror()) {
            assertThat(mirror.exists(BlobKeys.car(BUNDLED_ROOT))).isTrue();
            assertThat(mirror.exists(BlobKeys.index(ID))).isTrue();
        }

        Run ls = run(first, "cache", "ls");
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).containsPattern(ID + "\\s+" + BUNDLED_ROOT + "\\s+\\d+");
        assertThat(run(first, "cache", "ls", "--json").out()).contains("\"id\" : \"" + ID + "\"", "\"car_bytes\" : ");

        Path second = home("second");
        Run pull = run(second, "cache", "pull");
        assertThat(pull.code()).isZero();
        assertThat(pull.out()).contains("pull from s3://" + BUCKET + "/" + prefix).contains(": 1 received, 0 skipped, 0 failed");
        assertThat(run(second, "cache", "pull", ID).out()).contains(": 0 received, 1 skipped, 0 failed");
        Run get = run(second, "get", ID);
        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("from local store");
    }

    @Test
    void getIsServedByTheMirrorBeforeAnyOtherNetworkSource() throws IOException {
        useRegistryNaming(V1_ROOT);
        seedMirror(V1_ROOT, fixture());
        Path home = home("reader");
        assertThat(run(home, "registry", "update").code()).isZero();

        Run get = run(home, "get", ID);

        assertThat(get.code()).isZero();
        assertThat(get.err()).contains("(CID " + V1_ROOT + ", from private mirror s3://" + BUCKET + "/" + prefix);
        assertThat(Path.of(get.out().strip())).exists();
    }

    @Test
    void tamperedCarIsReportedAndNotUsed() throws IOException {
        useRegistryNaming(V1_ROOT);
        byte[] car = fixture();
        car[car.length - 1] ^= 1;
        seedMirror(V1_ROOT, car);
        Path home = home("reader");

        Run pull = run(home, "cache", "pull", ID);

        assertThat(pull.code()).isEqualTo(ExitCode.FAILED);
        assertThat(pull.err()).contains("private mirror s3://" + BUCKET + "/" + prefix).contains("served bad content");
        assertThat(pull.out()).contains(": 0 received, 0 skipped, 1 failed");
        try (var refs = Files.list(home.resolve("store/refs"))) {
            assertThat(refs).isEmpty();
        }

        Run get = run(home, "get", ID);
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
        Run push = run(home("empty"), "cache", "push", ID);

        assertThat(push.code()).isEqualTo(ExitCode.FAILED);
        assertThat(push.err()).contains("failed " + ID + ": not in the local store");
        assertThat(push.out()).contains(": 0 sent, 0 skipped, 1 failed");
    }

    @Test
    void cacheCommandsNeedAMirrorProfile() throws IOException {
        Path home = home("plain");
        Files.writeString(home.resolve("config.yaml"), "registry:\n  url: " + registry.toUri() + "\n");

        Run push = run(home, "cache", "push", "--all");

        assertThat(push.code()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).contains("no private mirror is configured");
    }

    @Test
    void secretsAreMaskedInConfigShow() throws IOException {
        Run show = run(home("show"), "config", "show");

        assertThat(show.code()).isZero();
        assertThat(show.out()).containsPattern("s3\\.secretAccessKey\\s+\\*\\*\\*\\*").contains("s3.bucket");
    }

    private Run run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), tmp);
        Run run = new Run(code, out.toString(), err.toString());
        transcript.add(run.out() + run.err());
        assertThat(run.out() + run.err()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        return run;
    }

    private Path home(String name) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        Files.writeString(home.resolve("config.yaml"), String.join("\n",
                "profile: s3",
                "registry:",
                "  url: " + registry.toUri(),
                "s3:",
                "  bucket: " + BUCKET,
                "  prefix: " + prefix,
                "  endpoint: " + endpoint(),
                "  pathStyle: true",
                "  accessKeyId: " + ACCESS_KEY,
                "  secretAccessKey: " + SECRET_KEY,
                ""));
        return home;
    }

    private void useRegistryNaming(String root) throws IOException {
        String json = new String(bundledRegistry(), StandardCharsets.UTF_8);
        assertThat(json).contains(BUNDLED_ROOT);
        Files.writeString(registry, json.replace("\"cid\": \"" + BUNDLED_ROOT + "\"", "\"cid\": \"" + root + "\"")
                .replace("\"cid\" : \"" + BUNDLED_ROOT + "\"", "\"cid\" : \"" + root + "\""));
        assertThat(Files.readString(registry)).contains(root);
    }

    private void seedMirror(String root, byte[] car) throws IOException {
        try (BlobStore mirror = mirror()) {
            mirror.put(BlobKeys.car(root), new ByteArrayInputStream(car), car.length);
            mirror.putIfMissing(BlobKeys.index(ID), BlobContent.of(("{\"id\":\"" + ID + "\",\"cid\":\"" + root + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }

    private BlobStore mirror() {
        return new S3BlobStoreFactory().create(settings(prefix));
    }

    private static S3Settings settings(String prefix) {
        return S3Settings.of(BUCKET, "us-east-1").withPrefix(prefix).withEndpoint(endpoint(), true)
                .withCredentials(new S3Credentials.StaticKeys(Secret.of(ACCESS_KEY), Secret.of(SECRET_KEY)));
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = S3MirrorCliTest.class.getResourceAsStream("kingman-v1.ipfs-car.car")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bundledRegistry() throws IOException {
        try (InputStream in = S3MirrorCliTest.class.getClassLoader().getResourceAsStream(BundleBuilder.REGISTRY_RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
