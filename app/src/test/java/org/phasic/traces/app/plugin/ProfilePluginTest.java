package org.phasic.traces.app.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.composition.DaemonProfile;
import org.phasic.traces.app.composition.GatewayProfile;
import org.phasic.traces.app.composition.OfflineProfile;
import org.phasic.traces.app.composition.Profiles;
import org.phasic.traces.app.config.ConfigCatalog;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.ConfigLoader;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.app.plugin.example.ExamplePlugin;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.ProfilePlugin;

/** Profiles are plugins found by ServiceLoader: built-in and third-party alike. */
class ProfilePluginTest {
    private static final String ID = "kingman_n5_theta1";
    private static final String BUNDLED_ROOT = "Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg";
    /** The same trace packed by npm ipfs-car (CIDv1): not in the bundled library. */
    private static final String V1_ROOT = "bafybeif5afxpafrxehtcdtaysp4rhmcggkvb2sn6ahwv3xf7bxafgzzcza";
    private static final Key<Set<ContentSource>> SOURCES = Key.get(new TypeLiteral<>() { });

    @TempDir
    Path userHome;

    @Test
    void theExamplePluginSelectedByTheConfigFileAloneServesGet() throws IOException {
        Path cars = Files.createDirectories(userHome.resolve("cars"));
        try (InputStream car = getClass().getResourceAsStream("/org/phasic/traces/app/cache/kingman-v1.ipfs-car.car")) {
            Files.write(cars.resolve(V1_ROOT + ".car"), car.readAllBytes());
        }
        Path registry = registryNaming(V1_ROOT);
        Path home = Files.createDirectories(userHome.resolve(".phasic_traces"));
        Files.writeString(home.resolve("config.yaml"), "profile: example\nexample:\n  folder: " + cars
                + "\nregistry:\n  url: " + registry.toUri() + "\n");

        StringWriter err = new StringWriter();
        assertThat(run(err, "registry", "update")).as(err.toString()).isZero();
        assertThat(run(err, "get", ID)).as(err.toString()).isZero();

        assertThat(err.toString()).contains("(CID " + V1_ROOT + ", from example folder " + cars);
    }

    @Test
    void aPluginIsDeclaredButContributesNothingWhenItsProfileIsNotActive() {
        Composition composition = Composition.create(Map.of(), Map.of(), userHome, Notices.silent());

        assertThat(composition.profiles().names()).startsWith("gateway", "daemon", "offline", "s3", "gcs").contains("example");
        assertThat(composition.configuration().entry(ExamplePlugin.FOLDER).origin()).isEqualTo("default");
        assertThat(composition.configuration().profiles()).containsExactly(ConfigCatalog.DEFAULT_PROFILE);
        assertThat(composition.injector().getInstance(SOURCES)).extracting(ContentSource::name)
                .noneMatch(name -> name.startsWith("example"))
                .anyMatch(name -> name.contains("gateway"));
    }

    @Test
    void theBuiltInProfilesAreServiceLoaderPlugins() {
        assertThat(Profiles.discover(getClass().getClassLoader()).plugins().values())
                .extracting(plugin -> plugin.getClass().getSimpleName())
                .contains("GatewayProfile", "DaemonProfile", "OfflineProfile", "S3Profile", "GcsProfile", "ExamplePlugin");
    }

    @Test
    void aRequiredProfileIsActivatedFirstAndOnce() {
        Profiles profiles = new Profiles(List.of(new GatewayProfile(), new DaemonProfile(), new OfflineProfile()));

        assertThat(profiles.active(load(profiles, "daemon"))).extracting(ProfilePlugin::name).containsExactly("gateway", "daemon");
        assertThat(profiles.active(load(profiles, "daemon,gateway"))).extracting(ProfilePlugin::name)
                .containsExactly("gateway", "daemon");
    }

    @Test
    void aProfileWhosePluginIsNotOnTheClassPathSaysHowToAddIt() {
        Profiles withoutCloud = new Profiles(List.of(new GatewayProfile(), new DaemonProfile(), new OfflineProfile()));
        Configuration configuration = load(withoutCloud, "s3");

        assertThatThrownBy(() -> withoutCloud.active(configuration))
                .isInstanceOf(ConfigException.class)
                .hasMessage("profile 's3' is not available: its plugin is not on the class path")
                .satisfies(e -> assertThat(((ConfigException) e).hint()).contains("phasic-traces-adapter-cloud-cache"));
    }

    @Test
    void aKeyTwoPluginsDeclareMustBeDeclaredAlike() {
        ProfilePlugin alike = declaring("first", ConfigKey.integer("shared.jobs", 4, "parallel jobs"));
        ProfilePlugin same = declaring("second", ConfigKey.integer("shared.jobs", 4, "parallel jobs"));
        ProfilePlugin other = declaring("third", ConfigKey.integer("shared.jobs", 8, "parallel jobs"));

        assertThat(new Profiles(List.of(alike, same)).pluginKeys()).extracting(ConfigKey::name).containsExactly("shared.jobs");
        assertThatThrownBy(() -> new Profiles(List.of(alike, other)).pluginKeys())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'shared.jobs' is declared differently");
    }

    private static ProfilePlugin declaring(String name, ConfigKey key) {
        return new ProfilePlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "declares " + key.name();
            }

            @Override
            public List<ConfigKey> settingKeys() {
                return List.of(key);
            }

            @Override
            public void contribute(org.phasic.traces.spi.Settings settings, org.phasic.traces.spi.PluginServices services,
                                   org.phasic.traces.spi.Contributions contributions) {
            }
        };
    }

    @Test
    void twoPluginsCannotShareAName() {
        ProfilePlugin impostor = new ProfilePlugin() {
            @Override
            public String name() {
                return "gateway";
            }

            @Override
            public String description() {
                return "another gateway";
            }

            @Override
            public void contribute(org.phasic.traces.spi.Settings settings, org.phasic.traces.spi.PluginServices services,
                                   org.phasic.traces.spi.Contributions contributions) {
            }
        };

        assertThatThrownBy(() -> new Profiles(List.of(new GatewayProfile(), impostor)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("two profiles are named 'gateway'");
    }

    private int run(StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of(), userHome);
    }

    private Configuration load(Profiles profiles, String profile) {
        return new ConfigLoader(ConfigCatalog.keys(profiles.names(), profiles.pluginKeys()),
                Map.of("PHASIC_TRACES_PROFILE", profile), userHome).load(Map.of());
    }

    private Path registryNaming(String root) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String renamed = json.replaceAll("\"cid\"\\s*:\\s*\"" + BUNDLED_ROOT + "\"", "\"cid\": \"" + root + "\"");
            assertThat(renamed).contains(root);
            return Files.writeString(userHome.resolve("registry.json"), renamed);
        }
    }
}
