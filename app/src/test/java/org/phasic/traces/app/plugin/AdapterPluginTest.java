package org.phasic.traces.app.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.ConfigurationException;
import com.google.inject.Key;
import com.google.inject.name.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.in.Notices;

class AdapterPluginTest {
    private static final Key<String> GREETING = Key.get(String.class, Names.named("example.greeting"));

    @TempDir
    Path userHome;

    @Test
    void pluginOnTheClassPathIsSelectedByTheConfigFileAlone() throws Exception {
        Path home = userHome.resolve(".phasic_traces");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.yaml"), "profile: example\nexample:\n  greeting: from the config file\n");

        Composition composition = Composition.create(Map.of(), Map.of(), userHome, Notices.silent());

        assertThat(composition.profiles().names()).contains("gateway", "example");
        assertThat(composition.configuration().profiles()).containsExactly("example");
        assertThat(composition.configuration().entry("example.greeting").origin()).startsWith("file ");
        assertThat(composition.injector().getInstance(GREETING)).isEqualTo("from the config file");
    }

    @Test
    void pluginIsNotInstalledWhenItsProfileIsNotActive() {
        Composition composition = Composition.create(Map.of(), Map.of(), userHome, Notices.silent());

        assertThat(composition.configuration().profiles()).containsExactly("gateway");
        assertThat(composition.configuration().find(Configuration.PROFILE)).hasValue("gateway");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composition.injector().getInstance(GREETING))
                .isInstanceOf(ConfigurationException.class);
    }
}
