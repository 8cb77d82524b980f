package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.net.URI;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.github.GitHubPullRequests;
import org.phasic.traces.adapter.github.GitHubSettings;
import org.phasic.traces.adapter.github.HttpSettings;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.github.RegistrySettings;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.IpfsSettings;
import org.phasic.traces.adapter.ipfs.KuboContentPublisher;
import org.phasic.traces.adapter.ipfs.KuboPinning;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.adapter.ipfs.PublishingSettings;
import org.phasic.traces.adapter.ipfs.pinning.PinningServiceClient;
import org.phasic.traces.adapter.ipfs.pinning.PinningServiceRemotePinning;
import org.phasic.traces.adapter.ipfs.pinning.PinningToken;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.store.JsonMirrorPins;
import org.phasic.traces.application.PublishService;
import org.phasic.traces.application.PublishSettings;
import org.phasic.traces.application.PublishTargets;
import org.phasic.traces.application.RegistryMirrorService;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.out.ContentPublisher;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.MirrorRegistryUseCase;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryPullRequests;
import org.phasic.traces.ports.out.RemotePinning;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.spi.InvalidSettingsException;

/**
 * Publishing: the local IPFS daemon as content publisher, an optional remote pinning service, GitHub pull requests, the
 * token. Nothing here is a singleton,
 * so other commands never build (or fail on) publishing settings; {@code publish} asks for a {@link PublishService} once.
 */
final class PublishModule extends AbstractModule {
    /** The import profile of published directories: Kubo's defaults (CIDv0), as the public registry uses. */
    static final ImportProfile PROFILE = ImportProfile.KUBO;
    /** How long to wait for a connection to the local daemon's API when publishing. */
    private static final Duration KUBO_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Configuration configuration;

    PublishModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Provides
    RegistryPullRequests pullRequests(OkHttpClient http, JacksonRegistryCodec codec, Clock clock) {
        try {
            return new GitHubPullRequests(http, HttpSettings.DEFAULTS, GitHubSettings.from(configuration), codec, clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid github.api: " + e.getMessage(), "use https://api.github.com or https://HOST/api/v3");
        }
    }

    @Provides
    PublishTargets publishTargets(CompositionServices services, Set<ContentSource> sources) {
        PublishingSettings publishing = PublishingSettings.from(configuration);
        return new PublishTargets(List.of(daemon(services, publishing)), remotePinning(services.http(), publishing),
                List.copyOf(sources));
    }

    private ContentPublisher daemon(CompositionServices services, PublishingSettings publishing) {
        return new KuboContentPublisher(kubo(services, publishing), PROFILE);
    }

    /**
     * The registry mirror: pins, when asked for, go to the local daemon and (when configured) the pinning service,
     * whose settings are read only then; the pins made are recorded in {@code <home>/mirror/pins.json}.
     */
    @Provides
    MirrorRegistryUseCase registryMirror(RegistryService registry, InstallTracesUseCase install, StoreMaintenanceUseCase store,
                                         CompositionServices services, Clock clock) {
        return new RegistryMirrorService(registry, install, store, () -> {
            PublishingSettings publishing = PublishingSettings.from(configuration);
            List<RemotePinning> targets = new ArrayList<>();
            targets.add(new KuboPinning(kubo(services, publishing)));
            targets.addAll(remotePinning(services.http(), publishing));
            return targets;
        }, new JsonMirrorPins(configuration.home().resolve("mirror")), services.notices(), clock);
    }

    private KuboRpcClient kubo(CompositionServices services, PublishingSettings publishing) {
        IpfsSettings ipfs;
        try {
            ipfs = IpfsSettings.from(configuration);
        } catch (InvalidSettingsException e) {
            throw ConfigException.of(e);
        }
        ApiAddress address;
        try {
            address = IpfsApiLocation.discovery(ipfs, services.environment(), services.userHome()).discover(ipfs.api());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid IPFS API address: " + e.getMessage(), "check ipfs.api and IPFS_API");
        }
        return new KuboRpcClient(HttpClients.direct(services.http(), KUBO_CONNECT_TIMEOUT), address,
                publishing.ipfsTimeout(), SafeTarExtractor.withBasicChecks());
    }

    /** The configured remote pinning service, if any (none when offline). */
    @Provides
    List<RemotePinning> remotePinning(OkHttpClient http) {
        return remotePinning(http, PublishingSettings.from(configuration));
    }

    private List<RemotePinning> remotePinning(OkHttpClient http, PublishingSettings publishing) {
        Optional<String> url = publishing.pinningUrl();
        if (url.isEmpty() || CoreSettings.from(configuration).offline()) {
            return List.of();
        }
        String token = publishing.pinningToken().filter(value -> !value.isBlank()).orElseThrow(() ->
                new ConfigException(PublishingSettings.PINNING_URL + " is set but " + PublishingSettings.PINNING_TOKEN + " is not",
                        "set PHASIC_TRACES_PUBLISH_PINNINGTOKEN or PINNING_SERVICE_TOKEN to the service's access token"));
        try {
            URI endpoint = URI.create(url.get());
            PinningServiceClient client = new PinningServiceClient(http, endpoint.getHost(), endpoint,
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
            token = configuration.find(GitHubSettings.TOKEN).filter(value -> !value.isBlank()).map(AccessToken::of);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "check GITHUB_TOKEN, GH_TOKEN or github.token");
        }
        RegistrySettings registry = RegistrySettings.from(configuration);
        return new PublishSettings(registry.repo(), registry.branch(), PROFILE, token);
    }

    @Provides
    PublishService publishService(TraceCodec traceCodec, RegistryCodec registryCodec, RegistryService registry, TraceStore store,
                                  PublishTargets targets, RegistryPullRequests pullRequests, PublishSettings settings,
                                  Notices notices, Clock clock) {
        return new PublishService(traceCodec, registryCodec, registry, store, targets, pullRequests, settings, notices, clock);
    }
}
