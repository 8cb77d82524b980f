package org.phasic.traces.app.plugin.example;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.name.Names;
import java.util.List;
import org.phasic.traces.app.config.ConfigKey;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.spi.AdapterPlugin;

/** An example third-party adapter: found by ServiceLoader, selected by {@code profile: example}. */
public final class ExamplePlugin implements AdapterPlugin {
    static final String GREETING_KEY = "example.greeting";

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String description() {
        return "example plugin used by the tests";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(ConfigKey.of(GREETING_KEY, ConfigKey.Type.STRING, "hello", "what the example plugin binds"));
    }

    @Override
    public Module module(Configuration configuration) {
        String greeting = configuration.require(GREETING_KEY);
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(String.class).annotatedWith(Names.named(GREETING_KEY)).toInstance(greeting);
            }
        };
    }
}
