package org.phasic.traces.app.plugin.example.archviolation;

import org.phasic.traces.app.config.Configuration;

/** Planted violation: a plugin reaching past the SPI into app. Only PluginArchitectureTest imports it. */
public final class ExampleUsingApp {
    public String home(Configuration configuration) {
        return configuration.home().toString();
    }
}
