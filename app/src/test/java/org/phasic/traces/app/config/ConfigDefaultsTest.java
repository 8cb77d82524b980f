package org.phasic.traces.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.cloud.GcsCredentials;
import org.phasic.traces.adapter.cloud.GcsSettings;
import org.phasic.traces.adapter.cloud.MirrorSettings;
import org.phasic.traces.adapter.cloud.S3Credentials;
import org.phasic.traces.adapter.cloud.S3Settings;
import org.phasic.traces.adapter.cloud.Secret;
import org.phasic.traces.adapter.cloud.profile.GcsProfile;
import org.phasic.traces.adapter.cloud.profile.S3Profile;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.adapter.github.GitHubSettings;
import org.phasic.traces.adapter.github.RegistrySettings;
import org.phasic.traces.adapter.ipfs.IpfsSettings;
import org.phasic.traces.adapter.ipfs.PublishingSettings;
import org.phasic.traces.app.composition.DaemonProfile;
import org.phasic.traces.app.composition.GatewayProfile;
import org.phasic.traces.app.composition.OfflineProfile;
import org.phasic.traces.app.composition.Profiles;
import org.phasic.traces.spi.ConfigKey;

/**
 * Every configuration key with its default, and every key mapped to a non-default value into its typed settings
 * record: adding, renaming, removing a key or changing a default fails here until the lists below say so.
 */
class ConfigDefaultsTest {
    private static final String AGENT = "phasic-traces/test";
    private static final Profiles BUILT_IN = new Profiles(List.of(new GatewayProfile(), new DaemonProfile(),
            new OfflineProfile(), new S3Profile(), new GcsProfile()));

    @TempDir
    Path userHome;

    @Test
    void everyKeyHasItsRecordedDefault() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("home", null);
        expected.put("profile", "gateway");
        expected.put("offline", "false");
        expected.put("store.lockWait", "30s");
        expected.put("install.jobs", "16");
        expected.put("phasic.cache", "true");
        expected.put("store.maxExtraFiles", "32");
        expected.put("store.maxExtraBytes", "67108864");
        expected.put("relaunch.bytes", "134217728");
        expected.put("registry.repo", "munch-group/phasic-traces");
        expected.put("registry.branch", "master");
        expected.put("registry.url", null);
        expected.put("registry.connectTimeout", "3s");
        expected.put("registry.maxAge", "24h");
        expected.put("registry.maxBytes", "134217728");
        expected.put("ipfs.api", null);
        expected.put("ipfs.path", null);
        expected.put("ipfs.autoStart", "true");
        expected.put("ipfs.timeout", "30s");
        expected.put("ipfs.startTimeout", "60s");
        expected.put("github.token", null);
        expected.put("github.api", "https://api.github.com");
        expected.put("publish.ipfsTimeout", "120s");
        expected.put("publish.pinningUrl", null);
        expected.put("publish.pinningToken", null);
        expected.put("serve.bind", "127.0.0.1");
        expected.put("serve.port", "8080");
        expected.put("serve.maxRequests", "64");
        expected.put("serve.maxQueued", "1024");
        expected.put("serve.queueTimeout", "10s");
        expected.put("serve.maxHeaderBytes", "8192");
        expected.put("serve.idleTimeout", "30s");
        expected.put("serve.minDataRate", "128");
        expected.put("serve.stopTimeout", "10s");
        expected.put("serve.rescanInterval", "10s");
        expected.put("health.timeout", "10s");
        expected.put("health.jobs", "8");
        expected.put("health.historyRuns", "400");
        expected.put("gateway.urls", "https://ipfs.io,https://dweb.link,https://trustless-gateway.link");
        expected.put("gateway.connectTimeout", "10s");
        expected.put("gateway.readTimeout", "30s");
        expected.put("gateway.deadline", "120s");
        expected.put("gateway.hedgeDelay", "1500ms");
        expected.put("gateway.retries", "3");
        expected.put("gateway.maxBytes", "268435456");
        expected.put("s3.bucket", null);
        expected.put("s3.prefix", null);
        expected.put("s3.region", "us-east-1");
        expected.put("s3.endpoint", null);
        expected.put("s3.pathStyle", "false");
        expected.put("s3.profile", null);
        expected.put("s3.credentialsFile", null);
        expected.put("s3.accessKeyId", null);
        expected.put("s3.secretAccessKey", null);
        expected.put("s3.anonymous", "false");
        expected.put("cache.jobs", "4");
        expected.put("cache.writeBack", "false");
        expected.put("gcs.bucket", null);
        expected.put("gcs.prefix", null);
        expected.put("gcs.project", null);
        expected.put("gcs.endpoint", null);
        expected.put("gcs.credentialsFile", null);
        expected.put("gcs.anonymous", "false");

        Map<String, String> actual = new LinkedHashMap<>();
        catalog().forEach(key -> actual.put(key.name(), key.defaultValue()));

        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(catalog()).filteredOn(ConfigKey::secret).extracting(ConfigKey::name)
                .containsExactly("github.token", "publish.pinningToken", "s3.accessKeyId", "s3.secretAccessKey");
    }

    @Test
    void theDefaultsReadBackAsTheRecordsDefaults() {
        Configuration defaults = load(Map.of());

        assertThat(CoreSettings.from(defaults)).isEqualTo(CoreSettings.DEFAULTS);
        assertThat(RegistrySettings.from(defaults)).isEqualTo(RegistrySettings.DEFAULTS);
        assertThat(IpfsSettings.from(defaults)).isEqualTo(IpfsSettings.DEFAULTS);
        assertThat(HealthSettings.from(defaults)).isEqualTo(HealthSettings.DEFAULTS);
        assertThat(PublishingSettings.from(defaults)).isEqualTo(PublishingSettings.DEFAULTS);
        assertThat(GitHubSettings.from(defaults)).isEqualTo(GitHubSettings.DEFAULTS);
        assertThat(GatewaySettings.from(defaults, AGENT)).isEqualTo(GatewaySettings.defaults("0").toBuilder().userAgent(AGENT).build());
        assertThat(MirrorSettings.from(defaults)).isEqualTo(MirrorSettings.DEFAULTS);
        assertThat(ServeSettings.from(defaults)).isEqualTo(ServeSettings.DEFAULTS);
    }

    @Test
    void everyKeyMapsToItsTypedSetting() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("home", userHome.resolve("elsewhere").toString());
        values.put("profile", "daemon,s3");
        values.put("offline", "true");
        values.put("store.lockWait", "5s");
        values.put("install.jobs", "7");
        values.put("phasic.cache", "false");
        values.put("store.maxExtraFiles", "3");
        values.put("store.maxExtraBytes", "4096");
        values.put("relaunch.bytes", "1GiB");
        values.put("registry.repo", "someone/registry");
        values.put("registry.branch", "main");
        values.put("registry.url", "https://example.org/registry.json");
        values.put("registry.connectTimeout", "4s");
        values.put("registry.maxAge", "2h");
        values.put("registry.maxBytes", "1000000");
        values.put("ipfs.api", "/ip4/127.0.0.1/tcp/5002");
        values.put("ipfs.path", "/srv/ipfs");
        values.put("ipfs.autoStart", "false");
        values.put("ipfs.timeout", "9s");
        values.put("ipfs.startTimeout", "90s");
        values.put("github.token", "ghp_example");
        values.put("github.api", "https://git.example.org/api/v3");
        values.put("publish.ipfsTimeout", "3m");
        values.put("publish.pinningUrl", "https://pins.example.org/psa");
        values.put("publish.pinningToken", "pin-secret");
        values.put("serve.bind", "0.0.0.0");
        values.put("serve.port", "8088");
        values.put("serve.maxRequests", "12");
        values.put("serve.maxQueued", "34");
        values.put("serve.queueTimeout", "3s");
        values.put("serve.maxHeaderBytes", "4096");
        values.put("serve.idleTimeout", "7s");
        values.put("serve.minDataRate", "99");
        values.put("serve.stopTimeout", "4s");
        values.put("serve.rescanInterval", "1m");
        values.put("health.timeout", "3s");
        values.put("health.jobs", "12");
        values.put("health.historyRuns", "30");
        values.put("gateway.urls", "https://gw.example.org,https://gw2.example.org");
        values.put("gateway.connectTimeout", "11s");
        values.put("gateway.readTimeout", "31s");
        values.put("gateway.deadline", "121s");
        values.put("gateway.hedgeDelay", "0s");
        values.put("gateway.retries", "5");
        values.put("gateway.maxBytes", "3GiB");
        values.put("s3.bucket", "team-bucket");
        values.put("s3.prefix", "team/traces");
        values.put("s3.region", "eu-north-1");
        values.put("s3.endpoint", "https://minio.example.org:9000");
        values.put("s3.pathStyle", "true");
        values.put("s3.profile", "work");
        values.put("s3.credentialsFile", "/home/me/.aws/credentials");
        values.put("s3.accessKeyId", "AKIAEXAMPLE");
        values.put("s3.secretAccessKey", "s3-secret");
        values.put("s3.anonymous", "true");
        values.put("cache.jobs", "9");
        values.put("cache.writeBack", "true");
        values.put("gcs.bucket", "gcs-bucket");
        values.put("gcs.prefix", "gcs/prefix");
        values.put("gcs.project", "my-project");
        values.put("gcs.endpoint", "http://localhost:4443");
        values.put("gcs.credentialsFile", "/home/me/key.json");
        values.put("gcs.anonymous", "true");
        assertThat(values.keySet()).as("every key is mapped").containsExactlyElementsOf(catalog().stream().map(ConfigKey::name).toList());
        Map<String, String> environment = new HashMap<>();
        values.forEach((key, value) -> environment.put(ConfigKey.of(key, ConfigKey.Type.STRING, null, "")
                .environmentVariable(), value));

        Configuration configuration = load(environment);
        catalog().forEach(key -> assertThat(configuration.entry(key.name()).origin()).as(key.name()).startsWith("env "));

        assertThat(configuration.home()).isEqualTo(userHome.resolve("elsewhere"));
        assertThat(configuration.profiles()).containsExactly("daemon", "s3");
        assertThat(CoreSettings.from(configuration)).isEqualTo(new CoreSettings(true, Duration.ofSeconds(5), 7, false, 3, 4096,
                1L << 30));
        assertThat(RegistrySettings.from(configuration)).isEqualTo(new RegistrySettings("someone/registry", "main",
                Optional.of("https://example.org/registry.json"), Duration.ofSeconds(4), Duration.ofHours(2), 1_000_000));
        assertThat(IpfsSettings.from(configuration)).isEqualTo(new IpfsSettings(Optional.of("/ip4/127.0.0.1/tcp/5002"),
                Optional.of("/srv/ipfs"), false, Duration.ofSeconds(9), Duration.ofSeconds(90)));
        assertThat(configuration.require(GitHubSettings.TOKEN)).isEqualTo("ghp_example");
        assertThat(GitHubSettings.from(configuration)).isEqualTo(GitHubSettings.DEFAULTS.withApiBaseUrl("https://git.example.org/api/v3"));
        assertThat(PublishingSettings.from(configuration)).isEqualTo(new PublishingSettings(Duration.ofMinutes(3),
                Optional.of("https://pins.example.org/psa"), Optional.of("pin-secret")));
        assertThat(ServeSettings.from(configuration)).isEqualTo(new ServeSettings("0.0.0.0", 8088, 12, 34, Duration.ofSeconds(3), 4096,
                Duration.ofSeconds(7), 99, Duration.ofSeconds(4), Duration.ofMinutes(1)));
        assertThat(HealthSettings.from(configuration)).isEqualTo(new HealthSettings(Duration.ofSeconds(3), 12, 30));
        assertThat(GatewaySettings.from(configuration, AGENT)).isEqualTo(GatewaySettings.defaults("0").toBuilder()
                .userAgent(AGENT)
                .urls("https://gw.example.org,https://gw2.example.org")
                .connectTimeout(Duration.ofSeconds(11))
                .readTimeout(Duration.ofSeconds(31))
                .deadline(Duration.ofSeconds(121))
                .hedgeDelay(Duration.ZERO)
                .retries(5)
                .maxBytes(3L << 30)
                .build());
        assertThat(S3Settings.from(configuration)).as("static keys win over anonymous and a named profile")
                .isEqualTo(S3Settings.of("team-bucket", "eu-north-1").withPrefix("team/traces")
                        .withEndpoint(URI.create("https://minio.example.org:9000"), true)
                        .withCredentials(new S3Credentials.StaticKeys(Secret.of("AKIAEXAMPLE"), Secret.of("s3-secret"))));
        assertThat(MirrorSettings.from(configuration)).isEqualTo(new MirrorSettings(9, true));
        assertThat(GcsSettings.from(configuration)).as("anonymous wins over a key file")
                .isEqualTo(GcsSettings.of("gcs-bucket").withPrefix("gcs/prefix").withProjectId("my-project")
                        .withEndpoint(URI.create("http://localhost:4443")).withCredentials(new GcsCredentials.Anonymous()));
    }

    @Test
    void theCredentialAlternativesMapToo() {
        Configuration s3Profile = load(Map.of("PHASIC_TRACES_S3_BUCKET", "team-bucket", "PHASIC_TRACES_S3_PROFILE", "work",
                "PHASIC_TRACES_S3_CREDENTIALSFILE", "/home/me/.aws/credentials"));
        Configuration s3Anonymous = load(Map.of("PHASIC_TRACES_S3_BUCKET", "team-bucket", "PHASIC_TRACES_S3_ANONYMOUS", "true",
                "PHASIC_TRACES_S3_PROFILE", "work"));
        Configuration gcsKeyFile = load(Map.of("PHASIC_TRACES_GCS_BUCKET", "gcs-bucket",
                "PHASIC_TRACES_GCS_CREDENTIALSFILE", "/home/me/key.json"));

        assertThat(S3Settings.from(s3Profile).credentials())
                .isEqualTo(new S3Credentials.Profile("work", Optional.of(Path.of("/home/me/.aws/credentials"))));
        assertThat(S3Settings.from(s3Anonymous).credentials()).isEqualTo(new S3Credentials.Anonymous());
        assertThat(S3Settings.from(load(Map.of("PHASIC_TRACES_S3_BUCKET", "team-bucket"))).credentials())
                .isEqualTo(new S3Credentials.DefaultChain());
        assertThat(GcsSettings.from(gcsKeyFile).credentials()).isEqualTo(new GcsCredentials.KeyFile(Path.of("/home/me/key.json")));
    }

    private static List<ConfigKey> catalog() {
        return ConfigCatalog.keys(BUILT_IN.names(), BUILT_IN.pluginKeys());
    }

    private Configuration load(Map<String, String> environment) {
        return new ConfigLoader(catalog(), environment, userHome).load(Map.of());
    }
}
