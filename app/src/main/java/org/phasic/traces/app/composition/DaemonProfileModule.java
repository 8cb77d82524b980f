package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.daemon.DaemonConnection;
import org.phasic.traces.adapter.ipfs.daemon.DaemonContentSource;
import org.phasic.traces.adapter.ipfs.daemon.DaemonSettings;
import org.phasic.traces.adapter.ipfs.daemon.ExecutableLookup;
import org.phasic.traces.adapter.ipfs.daemon.IpfsDaemonTiers;
import org.phasic.traces.adapter.ipfs.daemon.KuboClientFactory;
import org.phasic.traces.adapter.ipfs.daemon.KuboLocalNode;
import org.phasic.traces.ports.out.LocalIpfsNode;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;

/**
 * Profile {@code daemon}: a local IPFS (Kubo) daemon before the gateways. Tier selection runs on the first
 * fetch, not when the injector is built, so {@code list} never starts a daemon: tier 3, a daemon answers
 * (its version is said once); tier 2, none answers and {@code ipfs} is on {@code PATH} (and
 * {@code ipfs.autoStart}), one is started and left running; tier 1, the daemon source has nothing and
 * says so in one line, and the gateways serve. The gateways are installed too unless profile
 * {@code gateway} is active anyway.
 */
public final class DaemonProfileModule extends AbstractModule {
    /** The profile's name. */
    static final String NAME = "daemon";
    private static final String GATEWAY_PROFILE = "gateway";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Configuration configuration;

    DaemonProfileModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Override
    protected void configure() {
        if (!configuration.profiles().contains(GATEWAY_PROFILE)) {
            install(new GatewayProfileModule(configuration));
        }
    }

    @ProvidesIntoSet
    @Singleton
    ContentSource daemon(@Named(CoreModule.ENVIRONMENT) Map<String, String> environment,
                         @Named(CoreModule.USER_HOME) Path userHome, Notices notices) {
        KuboClientFactory clients = clientFactory();
        IpfsDaemonTiers tiers = tiers(configuration, IpfsApiLocation.discovery(configuration, environment, userHome), environment,
                clients, notices::notice);
        return new DaemonContentSource(DaemonConnection.onFirstUse(tiers, clients, callTimeout(configuration),
                notices::notice));
    }

    /**
     * The local node as the {@code daemon} command sees it, whatever the active profiles.
     *
     * @param messages receives what the user should see (starting, how to stop, the version in use)
     * @throws ConfigException if {@code ipfs.api} is malformed
     */
    static LocalIpfsNode localNode(Configuration configuration, Map<String, String> environment, Path userHome,
                                   Consumer<String> messages) {
        KuboClientFactory clients = clientFactory();
        IpfsDaemonTiers tiers = tiers(configuration, IpfsApiLocation.discovery(configuration, environment, userHome), environment,
                clients, messages);
        return new KuboLocalNode(tiers, clients, callTimeout(configuration), messages);
    }

    /** The per-call deadline of content and status calls ({@code ipfs.timeout}). */
    public static Duration callTimeout(Configuration configuration) {
        return configuration.duration("ipfs.timeout");
    }

    /** RPC clients sharing one connection pool. */
    public static KuboClientFactory clientFactory() {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(PROBE_TIMEOUT).build();
        return KuboClientFactory.sharing(http, SafeTarExtractor.withBasicChecks());
    }

    private static IpfsDaemonTiers tiers(Configuration configuration, ApiAddressDiscovery discovery,
                                         Map<String, String> environment, KuboClientFactory clients,
                                         Consumer<String> messages) {
        Optional<String> api = configuration.find("ipfs.api");
        try {
            api.ifPresent(address -> ApiAddress.parse(address, ApiAddress.Source.EXPLICIT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid ipfs.api: " + e.getMessage(),
                    "use a multiaddr such as /ip4/127.0.0.1/tcp/5001 or a URL such as http://127.0.0.1:5001");
        }
        DaemonSettings settings = new DaemonSettings(api, configuration.flag("ipfs.autoStart"),
                configuration.home().resolve("ipfs"), PROBE_TIMEOUT, configuration.duration("ipfs.startTimeout"));
        return new IpfsDaemonTiers(settings, discovery, ExecutableLookup.onPath(environment.get("PATH")), clients, messages);
    }
}
