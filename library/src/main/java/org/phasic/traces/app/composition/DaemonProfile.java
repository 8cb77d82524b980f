package org.phasic.traces.app.composition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.ipfs.IpfsSettings;
import org.phasic.traces.adapter.ipfs.daemon.DaemonConnection;
import org.phasic.traces.adapter.ipfs.daemon.DaemonContentSource;
import org.phasic.traces.adapter.ipfs.daemon.DaemonSettings;
import org.phasic.traces.adapter.ipfs.daemon.ExecutableLookup;
import org.phasic.traces.adapter.ipfs.daemon.IpfsDaemonTiers;
import org.phasic.traces.adapter.ipfs.daemon.KuboClientFactory;
import org.phasic.traces.adapter.ipfs.daemon.KuboLocalNode;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.out.LocalIpfsNode;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.InvalidSettingsException;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/**
 * Profile {@code daemon}: a local IPFS (Kubo) daemon before the gateways. Tier selection runs on the first
 * fetch, not when the profile is activated, so {@code list} never starts a daemon: tier 3, a daemon answers
 * (its version is said once); tier 2, none answers and {@code ipfs} is on {@code PATH} (and
 * {@code ipfs.autoStart}), one is started and left running; tier 1, the daemon source has nothing and
 * says so in one line, and the gateways serve. It requires profile {@code gateway}, which is installed with it.
 */
public final class DaemonProfile implements ProfilePlugin {
    /** The profile's name. */
    static final String NAME = "daemon";
    /** How long a probe waits to connect to a daemon's API. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a local IPFS (Kubo) daemon before the gateways (ipfs.*)";
    }

    @Override
    public List<String> requires() {
        return List.of("gateway");
    }

    @Override
    public void contribute(Settings settings, PluginServices services, Contributions contributions) {
        contributions.contentSource(() -> {
            KuboClientFactory clients = clientFactory(services.shared(OkHttpClient.class));
            IpfsSettings ipfs = IpfsSettings.from(settings);
            IpfsDaemonTiers tiers = tiers(settings, ipfs, services.environment(), services.userHome(), clients,
                    services.notices()::notice);
            return new DaemonContentSource(DaemonConnection.onFirstUse(tiers, clients, ipfs.callTimeout(),
                    services.notices()::notice));
        });
    }

    /**
     * The local node as the {@code daemon} command sees it, whatever the active profiles.
     *
     * @param messages receives what the user should see (starting, how to stop, the version in use)
     * @throws ConfigException if an {@code ipfs.*} setting is malformed
     */
    static LocalIpfsNode localNode(Configuration configuration, CompositionServices services, Consumer<String> messages) {
        try {
            IpfsSettings ipfs = IpfsSettings.from(configuration);
            KuboClientFactory clients = clientFactory(services.http());
            IpfsDaemonTiers tiers = tiers(configuration, ipfs, services.environment(), services.userHome(), clients, messages);
            return new KuboLocalNode(tiers, clients, ipfs.callTimeout(), messages);
        } catch (InvalidSettingsException e) {
            throw ConfigException.of(e);
        }
    }

    /** RPC clients on {@code http} (never through a proxy: the API is a local service), sharing its pool. */
    static KuboClientFactory clientFactory(OkHttpClient http) {
        return KuboClientFactory.sharing(HttpClients.direct(http, PROBE_TIMEOUT), SafeTarExtractor.withBasicChecks());
    }

    private static IpfsDaemonTiers tiers(Settings settings, IpfsSettings ipfs, Map<String, String> environment, Path userHome,
                                         KuboClientFactory clients, Consumer<String> messages) {
        DaemonSettings daemon = new DaemonSettings(ipfs.api(), ipfs.autoStart(), settings.home().resolve("ipfs"),
                PROBE_TIMEOUT, ipfs.startTimeout());
        return new IpfsDaemonTiers(daemon, IpfsApiLocation.discovery(ipfs, environment, userHome),
                ExecutableLookup.onPath(environment.get("PATH")), clients, messages);
    }
}
