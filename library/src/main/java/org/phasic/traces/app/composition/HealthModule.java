package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.gateway.GatewaySettings;
import org.phasic.traces.adapter.gateway.HttpGatewayProbe;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.config.HealthSettings;
import org.phasic.traces.app.store.JsonLinesAvailabilityHistory;
import org.phasic.traces.application.FetchSettings;
import org.phasic.traces.application.HealthService;
import org.phasic.traces.application.RecordedAvailability;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.ports.in.CheckHealthUseCase;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.out.AvailabilityHistory;
import org.phasic.traces.ports.out.RemotePinning;
import org.phasic.traces.spi.InvalidSettingsException;

/**
 * Pin monitoring: the gateway probe over {@code gateway.urls} (whatever the active profiles), the configured pinning
 * service, and the history under {@code <home>/health}. Nothing here is a singleton or built before a command asks.
 */
final class HealthModule extends AbstractModule {
    private final Configuration configuration;
    private final CompositionServices services;

    HealthModule(Configuration configuration, CompositionServices services) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Provides
    AvailabilityHistory availabilityHistory() {
        return new JsonLinesAvailabilityHistory(configuration.home().resolve("health"),
                HealthSettings.from(configuration).historyRuns());
    }

    @Provides
    TraceAvailabilityUseCase traceAvailability(AvailabilityHistory history) {
        return new RecordedAvailability(history);
    }

    @Provides
    CheckHealthUseCase checkHealth(RegistryService registry, OkHttpClient http, List<RemotePinning> pinning,
                                   AvailabilityHistory history, Clock clock) {
        if (CoreSettings.from(configuration).offline()) {
            throw new ConfigException("health probes gateways, but offline is set", "run it without --offline");
        }
        HealthSettings health = HealthSettings.from(configuration);
        GatewaySettings gateways;
        try {
            gateways = GatewaySettings.from(configuration, services.userAgent());
        } catch (InvalidSettingsException e) {
            throw ConfigException.of(e);
        }
        HttpGatewayProbe probe = new HttpGatewayProbe(gateways, http, health.timeout());
        return new HealthService(registry, probe, pinning, history, clock, health.jobs(),
                FetchSettings.DEFAULTS.maxFileBytes());
    }
}
