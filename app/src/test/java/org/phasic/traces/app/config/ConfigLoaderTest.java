package org.phasic.traces.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.spi.ConfigKey;

class ConfigLoaderTest {
    private static final List<String> PROFILES = List.of("gateway", "daemon", "offline", "s3", "gcs");

    @TempDir
    Path userHome;

    private ConfigLoader loader(Map<String, String> environment) {
        List<ConfigKey> keys = ConfigCatalog.keys(PROFILES, List.of(ConfigKey.secret("github.token", "token", "GITHUB_TOKEN")));
        return new ConfigLoader(keys, environment, userHome);
    }

    private Path writeConfig(Path home, String yaml) throws IOException {
        Files.createDirectories(home);
        return Files.writeString(home.resolve(ConfigLoader.CONFIG_FILE), yaml);
    }

    @Test
    void defaultsApplyWithoutFileEnvironmentOrFlags() {
        Configuration configuration = loader(Map.of()).load(Map.of());

        assertThat(configuration.home()).isEqualTo(userHome.resolve(".phasic_traces"));
        assertThat(configuration.profiles()).containsExactly("gateway");
        assertThat(configuration.require("registry.repo")).isEqualTo("munch-group/phasic-traces");
        assertThat(configuration.entry("registry.branch").origin()).isEqualTo("default");
    }

    @Test
    void eachLayerOverridesTheOneBelowAndRecordsItsOrigin() throws IOException {
        Path home = userHome.resolve(".phasic_traces");
        Path file = writeConfig(home, "registry:\n  repo: file/repo\n  branch: file-branch\ninstall:\n  jobs: 2\nprofile: [daemon, s3]\n");
        Map<String, String> environment = Map.of("PHASIC_TRACES_REGISTRY_BRANCH", "env-branch", "PHASIC_TRACES_INSTALL_JOBS", "6");

        Configuration configuration = loader(environment).load(Map.of("install.jobs", new ConfigLoader.FlagValue("8", "--set install.jobs")));

        assertThat(configuration.require("registry.repo")).isEqualTo("file/repo");
        assertThat(configuration.entry("registry.repo").origin()).isEqualTo("file " + file);
        assertThat(configuration.require("registry.branch")).isEqualTo("env-branch");
        assertThat(configuration.entry("registry.branch").origin()).isEqualTo("env PHASIC_TRACES_REGISTRY_BRANCH");
        assertThat(configuration.integer("install.jobs")).isEqualTo(8);
        assertThat(configuration.entry("install.jobs").origin()).isEqualTo("flag --set install.jobs");
        assertThat(configuration.profiles()).containsExactly("daemon", "s3");
    }

    @Test
    void sizesTakeBinaryUnitsFromEveryLayerAndReadBackInBytes() throws IOException {
        Path home = userHome.resolve(".phasic_traces");
        writeConfig(home, "store:\n  maxExtraBytes: 64KiB\n");

        Configuration fromFile = loader(Map.of()).load(Map.of("registry.maxBytes",
                new ConfigLoader.FlagValue("1GiB", "--set registry.maxBytes")));
        Configuration fromEnvironment = loader(Map.of("PHASIC_TRACES_STORE_MAXEXTRABYTES", "256 mib",
                "PHASIC_TRACES_REGISTRY_MAXBYTES", "2147483647")).load(Map.of());

        assertThat(fromFile.size("store.maxExtraBytes")).isEqualTo(64L << 10);
        assertThat(fromFile.size("registry.maxBytes")).isEqualTo(1L << 30);
        assertThat(fromEnvironment.size("store.maxExtraBytes")).isEqualTo(256L << 20);
        assertThat(fromEnvironment.size("registry.maxBytes")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void homeComesFromTheEnvironmentOrFlagAndItsConfigFileIsRead() throws IOException {
        Path envHome = userHome.resolve("env-home");
        writeConfig(envHome, "registry:\n  branch: from-env-home\n");
        Path flagHome = userHome.resolve("flag-home");
        writeConfig(flagHome, "registry:\n  branch: from-flag-home\n");

        Configuration byEnvironment = loader(Map.of("PHASIC_TRACES_HOME", envHome.toString())).load(Map.of());
        Configuration byFlag = loader(Map.of("PHASIC_TRACES_HOME", envHome.toString()))
                .load(Map.of("home", new ConfigLoader.FlagValue(flagHome.toString(), "--home")));

        assertThat(byEnvironment.home()).isEqualTo(envHome);
        assertThat(byEnvironment.require("registry.branch")).isEqualTo("from-env-home");
        assertThat(byFlag.home()).isEqualTo(flagHome);
        assertThat(byFlag.require("registry.branch")).isEqualTo("from-flag-home");
    }

    @Test
    void unknownProfileNamesTheKeyTheValueAndTheAllowedValues() {
        ConfigLoader loader = loader(Map.of());
        Map<String, ConfigLoader.FlagValue> flags = Map.of("profile", new ConfigLoader.FlagValue("gateway,bogus", "--profile"));

        assertThatThrownBy(() -> loader.load(flags))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'bogus' for profile (from flag --profile): expected one of gateway, daemon, offline, s3, gcs");
    }

    @Test
    void badValuesInTheFileAreReportedWithTheirFile() throws IOException {
        Path file = writeConfig(userHome.resolve(".phasic_traces"), "registry:\n  connectTimeout: soon\n");

        assertThatThrownBy(() -> loader(Map.of()).load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'soon' for registry.connectTimeout (from file " + file + ")")
                .hasMessageContaining("a duration such as");
    }

    @Test
    void unknownKeysAreRefused() throws IOException {
        writeConfig(userHome.resolve(".phasic_traces"), "registry:\n  rpeo: typo/repo\n");

        assertThatThrownBy(() -> loader(Map.of()).load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'registry.rpeo'");
    }

    @Test
    void malformedYamlIsAClearError() throws IOException {
        writeConfig(userHome.resolve(".phasic_traces"), "registry: [unclosed\n");

        assertThatThrownBy(() -> loader(Map.of()).load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot parse ");
    }

    @Test
    void secretsAreMaskedAndExtraEnvironmentVariablesApply() {
        Configuration configuration = loader(Map.of("GITHUB_TOKEN", "ghp_secret_value")).load(Map.of());

        Configuration.Entry token = configuration.entry("github.token");
        assertThat(token.value()).isEqualTo("ghp_secret_value");
        assertThat(token.shown()).isEqualTo("****");
        assertThat(token.origin()).isEqualTo("env GITHUB_TOKEN");
        assertThat(configuration.toString()).doesNotContain("ghp_secret_value");
    }

    @Test
    void durationsAndBooleansAreNormalized() {
        Configuration configuration = loader(Map.of("PHASIC_TRACES_OFFLINE", "yes", "PHASIC_TRACES_REGISTRY_CONNECTTIMEOUT", "1.5s"))
                .load(Map.of());

        assertThat(configuration.flag("offline")).isTrue();
        assertThat(configuration.duration("registry.connectTimeout")).hasMillis(1500);
    }
}
