package org.phasic.traces.app.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.ProvisionException;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.application.PublishTargets;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.RegistryChange;
import org.phasic.traces.ports.out.RegistryPullRequests;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;

/**
 * Every HTTP adapter specialises the composition root's one client, so HTTPS_PROXY/HTTP_PROXY/NO_PROXY reach them
 * all: a MockWebServer plays the proxy and records what the registry download, the GitHub API and the pinning
 * service clients send. The targets are unreachable ports on the loopback host (the only plain-http hosts those
 * adapters accept), so a request answered at all was answered by the proxy.
 */
class SharedHttpClientProxyTest {
    private static final String UNREACHABLE = "http://localhost:9";

    @StartStop
    final MockWebServer proxy = new MockWebServer();

    @TempDir
    Path userHome;

    private Injector injector(Map<String, String> environment, Map<String, String> settings) {
        Map<String, FlagValue> flags = new HashMap<>();
        settings.forEach((key, value) -> flags.put(key, new FlagValue(value, "--set " + key)));
        return Composition.create(flags, environment, userHome, Notices.silent()).injector();
    }

    private Map<String, String> httpProxy() {
        return Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort());
    }

    @Test
    void theRegistryDownloadGoesThroughTheProxy() throws Exception {
        byte[] registry = bundledRegistry();
        proxy.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(registry)).build());
        Injector injector = injector(httpProxy(), Map.of("registry.url", UNREACHABLE + "/registry.json"));

        RegistryDownload download = injector.getInstance(RegistrySource.class).fetch(Optional.empty());

        assertThat(download).isInstanceOf(RegistryDownload.Fetched.class);
        assertThat(recorded().getRequestLine()).isEqualTo("GET " + UNREACHABLE + "/registry.json HTTP/1.1");
    }

    @Test
    void theGitHubApiGoesThroughTheProxy() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"Bad credentials\"}").build());
        Injector injector = injector(httpProxy(), Map.of("github.api", UNREACHABLE));
        TraceEntry entry = injector.getInstance(BundledLibrary.class).registry().find(TraceId.of("kingman_n5_theta1")).orElseThrow();

        assertThatThrownBy(() -> injector.getInstance(RegistryPullRequests.class).submit(
                RegistryChange.of("munch-group/phasic-traces", "master", entry, RegistryChange.Mode.ADD, List.of()),
                AccessToken.of("ghp_0123456789abcdef0123456789abcdef0123")))
                .isInstanceOf(IOException.class);

        RecordedRequest request = recorded();
        assertThat(request.getRequestLine()).startsWith("GET " + UNREACHABLE + "/");
        assertThat(request.getHeaders().get("Authorization")).contains("ghp_0123456789abcdef0123456789abcdef0123");
    }

    @Test
    void thePinningServiceGoesThroughTheProxyWhoseCredentialsAnswerA407() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
        proxy.enqueue(new MockResponse.Builder().code(202)
                .body("{\"requestid\":\"r1\",\"status\":\"queued\",\"created\":\"2026-01-01T00:00:00Z\","
                        + "\"pin\":{\"cid\":\"Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg\"},\"delegates\":[]}")
                .build());
        Injector injector = injector(Map.of("http_proxy", "http://alice:pa%24s@127.0.0.1:" + proxy.getPort()),
                Map.of("publish.pinningUrl", UNREACHABLE + "/psa", "publish.pinningToken", "pin-secret"));
        PublishTargets targets = injector.getInstance(PublishTargets.class);

        try {
            targets.remotePinning().get(0).pin(Cid.parse("Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg"), "kingman");
        } catch (IOException ignored) {
            // what the service answered does not matter here; where the request went does
        }

        RecordedRequest challenged = recorded();
        RecordedRequest answered = recorded();
        assertThat(challenged.getRequestLine()).isEqualTo("POST " + UNREACHABLE + "/psa/pins HTTP/1.1");
        assertThat(challenged.getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(answered.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("alice", "pa$s"));
        assertThat(answered.getHeaders().get("Authorization")).isEqualTo("Bearer pin-secret");
    }

    @Test
    void hostsInNoProxyAreReachedDirectly() throws Exception {
        try (MockWebServer registry = new MockWebServer()) {
            registry.start();
            registry.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(bundledRegistry())).build());
            Map<String, String> environment = Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort(), "NO_PROXY",
                    "example.org,127.0.0.1");
            Injector injector = injector(environment, Map.of("registry.url", "http://127.0.0.1:" + registry.getPort() + "/r.json"));

            injector.getInstance(RegistrySource.class).fetch(Optional.empty());

            assertThat(registry.getRequestCount()).isEqualTo(1);
            assertThat(proxy.getRequestCount()).isZero();
        }
    }

    @Test
    void everyAdapterSharesTheOneBaseClient() {
        Injector injector = injector(Map.of(), Map.of());

        OkHttpClient base = injector.getInstance(OkHttpClient.class);

        assertThat(injector.getInstance(OkHttpClient.class)).isSameAs(base);
        assertThat(base.proxySelector()).isInstanceOf(EnvironmentProxySelector.class);
        assertThat(DaemonProfile.clientFactory(base)).isNotNull();
        assertThat(HttpClients.direct(base, DaemonProfile.PROBE_TIMEOUT).connectionPool()).isSameAs(base.connectionPool());
    }

    @Test
    void anInvalidProxyVariableIsAConfigurationError() {
        Injector injector = injector(Map.of("HTTPS_PROXY", "ftp://proxy.example.org"), Map.of());

        assertThatThrownBy(() -> injector.getInstance(OkHttpClient.class))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining(ConfigException.class.getSimpleName()
                        + ": invalid proxy setting: HTTPS_PROXY uses the unsupported proxy scheme 'ftp'");
    }

    /** The next request the proxy received; fails instead of waiting forever when the client bypassed it. */
    private RecordedRequest recorded() throws InterruptedException {
        RecordedRequest request = proxy.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request through the proxy").isNotNull();
        return request;
    }

    private static byte[] bundledRegistry() throws IOException {
        try (InputStream in = SharedHttpClientProxyTest.class.getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
