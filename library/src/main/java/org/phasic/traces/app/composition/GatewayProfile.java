package org.phasic.traces.app.composition;

import java.util.List;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.gateway.GatewayContentSource;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/** Profile {@code gateway}: public trustless HTTP gateways, ranked and raced, as the last source of the chain. */
public final class GatewayProfile implements ProfilePlugin {

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String description() {
        return "public trustless HTTP gateways (gateway.*)";
    }

    @Override
    public List<ConfigKey> settingKeys() {
        return GatewaySettings.keys();
    }

    /**
     * The gateways' client: the shared one, or for gateways that are all plain HTTP (a local mirror) a client that
     * never loads the JDK's trust store.
     */
    @Override
    public void contribute(Settings settings, PluginServices services, Contributions contributions) {
        contributions.contentSource(() -> {
            GatewaySettings gateways = GatewaySettings.from(settings, services.userAgent());
            OkHttpClient client = plainHttpOnly(gateways) ? HttpClients.cleartext(services.environment(), services.userAgent())
                    : services.shared(OkHttpClient.class);
            return GatewayContentSource.create(gateways, client, services.progress(), services.notices());
        });
    }

    static boolean plainHttpOnly(GatewaySettings gateways) {
        return gateways.gateways().stream().allMatch(gateway -> "http".equalsIgnoreCase(gateway.url().getScheme()));
    }
}
