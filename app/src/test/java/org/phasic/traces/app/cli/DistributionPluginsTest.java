package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phasic.traces.app.composition.Profiles;

/** The distribution's recorded plugins are what ServiceLoader finds, and are used only for a run of the jar alone. */
class DistributionPluginsTest {
    private static final Path JAR = Path.of("/opt/phasic-traces/app/target/phasic-traces.jar");

    @Test
    void theRecordHoldsEveryPluginServiceLoaderFindsOutsideTheTests() {
        List<String> recorded = DistributionPlugins.recorded(JAR.toString(), Optional.of(JAR)).orElseThrow();
        List<String> discovered = Profiles.discover(getClass().getClassLoader()).classNames().stream()
                .filter(name -> !name.startsWith("org.phasic.traces.app.plugin.")).toList();

        assertThat(recorded).containsExactlyElementsOf(discovered)
                .contains("org.phasic.traces.app.composition.GatewayProfile", "org.phasic.traces.adapter.cloud.profile.S3Profile");
        assertThat(Profiles.of(recorded, getClass().getClassLoader()).names()).startsWith("gateway", "daemon", "offline", "s3", "gcs");
    }

    @Test
    void anyOtherClassPathIsSearched() {
        assertThat(DistributionPlugins.recorded(JAR + File.pathSeparator + "/tmp/plugin.jar", Optional.of(JAR))).isEmpty();
        assertThat(DistributionPlugins.recorded("/elsewhere/phasic-traces.jar", Optional.of(JAR))).isEmpty();
        assertThat(DistributionPlugins.recorded(JAR.toString(), Optional.empty())).isEmpty();
        assertThat(DistributionPlugins.recorded("", Optional.of(JAR))).isEmpty();
    }
}
