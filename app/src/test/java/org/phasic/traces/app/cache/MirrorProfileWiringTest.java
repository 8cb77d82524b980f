package org.phasic.traces.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.in.Notices;

/**
 * The built-in {@code s3} and {@code gcs} profiles, selected by the config file alone, put their mirror into the
 * fetch chain after the bundled library and before the gateways whatever order the profiles are named in. Nothing
 * is fetched, so no request leaves the machine (endpoints point at a closed local port, credentials anonymous).
 */
class MirrorProfileWiringTest {
    @TempDir
    Path userHome;

    @Test
    void gcsMirrorSitsBetweenTheBundleAndTheGateways() throws IOException {
        List<String> names = sourceNames("profile: gateway,gcs\ngcs:\n  bucket: phasic-mirror\n  prefix: team/traces\n"
                + "  endpoint: http://127.0.0.1:9\n  anonymous: true\n");

        assertThat(names.get(0)).isEqualTo("bundled library");
        assertThat(names.get(1)).startsWith("private mirror gs://phasic-mirror/team/traces");
        assertThat(names.subList(2, names.size())).isNotEmpty().allMatch(name -> name.contains("gateway"));
    }

    @Test
    void s3MirrorSitsBetweenTheBundleAndTheGateways() throws IOException {
        List<String> names = sourceNames("profile: gateway,s3\ns3:\n  bucket: phasic-mirror\n  region: eu-west-1\n"
                + "  endpoint: http://127.0.0.1:9\n  pathStyle: true\n  anonymous: true\n");

        assertThat(names.get(0)).isEqualTo("bundled library");
        assertThat(names.get(1)).startsWith("private mirror s3://phasic-mirror");
        assertThat(names.subList(2, names.size())).isNotEmpty().allMatch(name -> name.contains("gateway"));
    }

    @Test
    void missingBucketIsAConfigurationErrorNamingTheKey() throws IOException {
        Path home = writeConfig("profile: s3\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"--home", home.toString(), "cache", "ls"}, new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of(), userHome);

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("s3.bucket is not set");
    }

    @Test
    void halfOfAKeyPairIsRefused() throws IOException {
        Path home = writeConfig("profile: s3\ns3:\n  bucket: phasic-mirror\n  accessKeyId: AKIDONLYHALF\n");
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"--home", home.toString(), "cache", "ls"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), Map.of(), userHome);

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("s3.accessKeyId and s3.secretAccessKey must be set together")
                .doesNotContain("AKIDONLYHALF");
    }

    private List<String> sourceNames(String config) throws IOException {
        Path home = writeConfig(config);
        Composition composition = Composition.create(Map.of(), Map.of("PHASIC_TRACES_HOME", home.toString()), userHome,
                Notices.silent());
        return composition.injector().getInstance(FetchService.class).sources().stream().map(ContentSource::name).toList();
    }

    private Path writeConfig(String config) throws IOException {
        Path home = Files.createDirectories(userHome.resolve("home"));
        Files.writeString(home.resolve("config.yaml"), config);
        return home;
    }
}
