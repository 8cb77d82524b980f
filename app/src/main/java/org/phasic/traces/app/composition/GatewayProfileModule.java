package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.adapter.gateway.GatewayContentSource;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/** Profile {@code gateway}: public trustless HTTP gateways, ranked and raced, as the last source of the chain. */
final class GatewayProfileModule extends AbstractModule {
    private final Configuration configuration;

    GatewayProfileModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Provides
    @Singleton
    GatewaySettings gatewaySettings() {
        try {
            return GatewaySettings.defaults(Composition.version()).toBuilder()
                    .urls(configuration.require("gateway.urls"))
                    .connectTimeout(configuration.duration("gateway.connectTimeout"))
                    .readTimeout(configuration.duration("gateway.readTimeout"))
                    .deadline(configuration.duration("gateway.deadline"))
                    .hedgeDelay(configuration.duration("gateway.hedgeDelay"))
                    .retries(configuration.integer("gateway.retries"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid gateway setting: " + e.getMessage(),
                    "check the gateway.* keys with 'phasic-traces config show'");
        }
    }

    @ProvidesIntoSet
    @Singleton
    ContentSource gateways(GatewaySettings settings, @Named(CoreModule.ENVIRONMENT) Map<String, String> environment,
                           TransferProgress progress, Notices notices) {
        try {
            return GatewayContentSource.create(settings, environment, progress, notices);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid proxy setting: " + e.getMessage(),
                    "fix or unset HTTPS_PROXY / HTTP_PROXY / NO_PROXY");
        }
    }
}
