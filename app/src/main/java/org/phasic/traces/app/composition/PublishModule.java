package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.github.GitHubPullRequests;
import org.phasic.traces.adapter.github.GitHubSettings;
import org.phasic.traces.adapter.github.HttpSettings;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.KuboContentPublisher;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.adapter.ipfs.pinning.PinningServiceClient;
import org.phasic.traces.adapter.ipfs.pinning.PinningServiceRemotePinning;
import org.phasic.traces.adapter.ipfs.pinning.PinningToken;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.application.PublishService;
import org.phasic.traces.application.PublishSettings;
import org.phasic.traces.application.PublishTargets;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.out.ContentPublisher;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryPullRequests;
import org.phasic.traces.ports.out.RemotePinning;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore;

/**
 * Publishing: the local IPFS daemon as content publisher, an optional remote pinning service, GitHub pull requests, the
 * token. Nothing here is a singleton,
 * so other commands never build (or fail on) publishing settings; {@code publish} asks for a {@link PublishService} once.
 */
final class PublishModule extends AbstractModule {
    /** The import profile of published directories: Kubo's defaults (CIDv0), as the public registry uses. */
    static final ImportProfile PROFILE = ImportProfile.KUBO;

    private final Configuration configuration;

    PublishModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Provides
    RegistryPullRequests pullRequests(JacksonRegistryCodec codec, Clock clock) {
        try {
            GitHubSettings settings = GitHubSettings.DEFAULTS.withApiBaseUrl(configuration.require("github.api"));
            return new GitHubPullRequests(new OkHttpClient(), HttpSettings.DEFAULTS, settings, codec, clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid github.api: " + e.getMessage(), "use https://api.github.com or https://HOST/api/v3");
        }
    }

    @Provides
    PublishTargets publishTargets(@Named(CoreModule.ENVIRONMENT) Map<String, String> environment,
                                  @Named(CoreModule.USER_HOME) Path userHome, Set<ContentSource> sources) {
        return new PublishTargets(List.of(daemon(environment, userHome)), remotePinning(), List.copyOf(sources));
    }

    private ContentPublisher daemon(Map<String, String> environment, Path userHome) {
        ApiAddress address;
        try {
            address = IpfsApiLocation.discovery(configuration, environment, userHome).discover(configuration.find("ipfs.api"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid IPFS API address: " + e.getMessage(), "check ipfs.api and IPFS_API");
        }
        KuboRpcClient client = KuboRpcClient.create(address, configuration.duration("publish.ipfsTimeout"));
        return new KuboContentPublisher(client, PROFILE);
    }

    private List<RemotePinning> remotePinning() {
        Optional<String> url = configuration.find("publish.pinningUrl");
        if (url.isEmpty() || configuration.flag("offline")) {
            return List.of();
        }
        String token = configuration.find("publish.pinningToken").filter(value -> !value.isBlank()).orElseThrow(() ->
                new ConfigException("publish.pinningUrl is set but publish.pinningToken is not",
                        "set PHASIC_TRACES_PUBLISH_PINNINGTOKEN or PINNING_SERVICE_TOKEN to the service's access token"));
        try {
            URI endpoint = URI.create(url.get());
            PinningServiceClient client = new PinningServiceClient(new OkHttpClient(), endpoint.getHost(), endpoint,
                    PinningToken.of(token), Duration.ofSeconds(60));
            return List.of(new PinningServiceRemotePinning(client, "pinning service " + endpoint.getHost()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid pinning service setting: " + e.getMessage(), "check publish.pinningUrl and its token");
        }
    }

    @Provides
    PublishSettings publishSettings() {
        Optional<AccessToken> token;
        try {
            token = configuration.find("github.token").filter(value -> !value.isBlank()).map(AccessToken::of);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check GITHUB_TOKEN, GH_TOKEN or github.token");
        }
        return new PublishSettings(configuration.require("registry.repo"), configuration.require("registry.branch"), PROFILE, token);
    }

    @Provides
    PublishService publishService(TraceCodec traceCodec, RegistryCodec registryCodec, RegistryService registry, TraceStore store,
                                  PublishTargets targets, RegistryPullRequests pullRequests, PublishSettings settings,
                                  Notices notices, Clock clock) {
        return new PublishService(traceCodec, registryCodec, registry, store, targets, pullRequests, settings, notices, clock);
    }
}
