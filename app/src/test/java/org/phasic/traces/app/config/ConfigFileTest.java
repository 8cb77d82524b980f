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

class ConfigFileTest {
    private static final Runnable NO_CHECK = () -> { };

    @TempDir
    Path userHome;

    private Path home() {
        return userHome.resolve(".phasic_traces");
    }

    private ConfigLoader loader() {
        List<ConfigKey> keys = ConfigCatalog.keys(List.of("gateway", "daemon", "offline"),
                List.of(ConfigKey.secret("github.token", "token", "GITHUB_TOKEN")));
        return new ConfigLoader(keys, Map.of(), userHome);
    }

    private ConfigFile file() {
        return loader().file(Map.of());
    }

    private Path write(String yaml) throws IOException {
        Files.createDirectories(home());
        return Files.writeString(home().resolve(ConfigLoader.CONFIG_FILE), yaml);
    }

    private Configuration load() {
        return loader().load(Map.of());
    }

    @Test
    void setCreatesTheHomeAndFileAndTheValueReadsBackFromIt() throws IOException {
        ConfigFile.Edit edit = file().set("install.jobs", " 4 ", NO_CHECK);

        assertThat(edit.changed()).isTrue();
        assertThat(edit.value()).contains("4");
        assertThat(Files.readString(home().resolve("config.yaml"))).isEqualTo("install:\n  jobs: 4\n");
        assertThat(load().entry("install.jobs").origin()).isEqualTo("file " + home().resolve("config.yaml"));
        assertThat(load().integer("install.jobs")).isEqualTo(4);
    }

    @Test
    void setKeepsCommentsOtherKeysAndLayoutAndNestsUnderTheExistingMapping() throws IOException {
        Path file = write("# my settings\nregistry:\n    branch: develop   # for testing\n\n# parallel\ninstall:\n    jobs: 2\n");

        file().set("registry.repo", "someone/registry", NO_CHECK);
        file().set("install.jobs", "8", NO_CHECK);
        file().set("publish.ipfsTimeout", "3m", NO_CHECK);

        assertThat(Files.readString(file)).isEqualTo("# my settings\nregistry:\n    branch: develop   # for testing\n"
                + "    repo: someone/registry\n\n# parallel\ninstall:\n    jobs: 8\npublish:\n  ipfsTimeout: 180s\n");
        Configuration configuration = load();
        assertThat(configuration.require("registry.repo")).isEqualTo("someone/registry");
        assertThat(configuration.require("registry.branch")).isEqualTo("develop");
        assertThat(configuration.duration("publish.ipfsTimeout")).hasMinutes(3);
    }

    @Test
    void valuesYamlWouldReadOtherwiseAreQuoted() throws IOException {
        Path file = write("registry.branch: main\n");

        file().set("registry.branch", "no", NO_CHECK);
        file().set("profile", "daemon, gateway", NO_CHECK);

        assertThat(Files.readString(file)).startsWith("registry.branch: \"no\"\n");
        assertThat(load().require("registry.branch")).isEqualTo("no");
        assertThat(load().profiles()).containsExactly("daemon", "gateway");
    }

    @Test
    void aFileThatIsNotPlainBlockYamlIsRewrittenAndSaysSo() throws IOException {
        Path file = write("registry: {repo: a/b, branch: dev}\nprofile:\n  - gateway\n");

        ConfigFile.Edit edit = file().set("registry.branch", "main", NO_CHECK);

        assertThat(edit.reformatted()).isTrue();
        assertThat(load().require("registry.repo")).isEqualTo("a/b");
        assertThat(load().require("registry.branch")).isEqualTo("main");
        assertThat(load().profiles()).containsExactly("gateway");
        assertThat(Files.readString(file)).doesNotContain("{");
    }

    @Test
    void unsetRemovesTheLineAndMappingsLeftEmpty() throws IOException {
        Path file = write("# keep me\nregistry:\n  repo: a/b\ninstall:\n  jobs: 3\n");

        ConfigFile.Edit edit = file().unset("registry.repo", NO_CHECK);
        ConfigFile.Edit again = file().unset("registry.repo", NO_CHECK);

        assertThat(edit.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(Files.readString(file)).isEqualTo("# keep me\ninstall:\n  jobs: 3\n");
        assertThat(load().entry("registry.repo").origin()).isEqualTo("default");
    }

    @Test
    void unsetRemovesAMisspeltKeyTheLoaderRefuses() throws IOException {
        write("instal:\n  jobs: 3\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'instal.jobs'");

        file().unset("instal.jobs", NO_CHECK);

        assertThat(load().integer("install.jobs")).isEqualTo(CoreSettings.DEFAULTS.installJobs());
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedAndTheFileIsUntouched() throws IOException {
        Path file = write("install:\n  jobs: 2\n");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> file().set("instal.jobs", "4", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessage("unknown configuration key 'instal.jobs' in the command line")
                .satisfies(e -> assertThat(((ConfigException) e).hint()).startsWith("did you mean 'install.jobs'?"));
        assertThatThrownBy(() -> file().unset("instal.jobs", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'instal.jobs'");
        assertThatThrownBy(() -> file().set("install.jobs", "0", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value '0' for install.jobs (from the command line): expected a whole number from 1 to 64");
        assertThatThrownBy(() -> file().set("install.jobs", "four", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'four' for install.jobs (from the command line): expected a whole number from 1 to 64");
        assertThatThrownBy(() -> file().set("registry.repo", "not a repo", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("for registry.repo");
        assertThatThrownBy(() -> file().set("install.jobs", " ", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> file().set("home", "/tmp/x", NO_CHECK)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'home' cannot be set");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aCheckThatFailsOnlyAfterTheEditPutsTheFileBack() throws IOException {
        Path file = write("install:\n  jobs: 2\n");
        byte[] before = Files.readAllBytes(file);
        Runnable check = () -> {
            if (ConfigFile.read(file).containsKey("publish.ipfsTimeout")) {
                throw new ConfigException("timeout cannot be combined", "hint");
            }
        };

        assertThatThrownBy(() -> file().set("publish.ipfsTimeout", "3m", check)).hasMessage("timeout cannot be combined");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aFileWithASecretIsReadableByItsOwnerOnly() throws IOException {
        file().set("github.token", "ghp_secret", NO_CHECK);

        Path file = home().resolve("config.yaml");
        assertThat(load().require("github.token")).isEqualTo("ghp_secret");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }
}
