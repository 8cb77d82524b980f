package org.phasic.traces.app;

import com.google.inject.AbstractModule;
import java.util.Objects;
import org.phasic.traces.app.config.Configuration;

/** Bindings every profile shares. */
final class CoreModule extends AbstractModule {
    private final Configuration configuration;

    CoreModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Override
    protected void configure() {
        bind(Configuration.class).toInstance(configuration);
    }
}
