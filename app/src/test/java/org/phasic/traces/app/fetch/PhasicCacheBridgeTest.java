package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/**
 * The bridge into phasic's own cache, laid out as phasic's Python {@code get_trace} writes it:
 * {@code ~/.phasic_traces/traces/<id>/trace.json.gz}, in the same home folder as the store.
 */
class PhasicCacheBridgeTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path userHome;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--offline"));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), userHome, all);
    }

    private Path phasicFile(String id) {
        return userHome.resolve(".phasic_traces/traces").resolve(id).resolve("trace.json.gz");
    }

    @Test
    void getAndInstallPlaceACopyPhasicCanRewriteWithoutDamagingTheStore() throws Exception {
        CliRun get = run("get", ID);
        assertThat(get.code()).as(get.err()).isZero();
        Path stored = get.firstLine();

        Path copy = phasicFile(ID);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(stored));
        assertThat(Files.isSameFile(copy, stored)).isFalse();
        assertThat((Integer) Files.getAttribute(copy, "unix:nlink")).as("a copy, not a hard link").isEqualTo(1);
        assertThat(Files.isWritable(copy)).isTrue();

        Files.write(copy, new byte[] {1, 2, 3});
        assertThat(run("verify").out()).as("phasic rewriting its file leaves the store intact").contains("store is intact");

        assertThat(run("install", "kingman_n3_theta1").code()).isZero();
        assertThat(phasicFile("kingman_n3_theta1")).isRegularFile();
        assertThat(Files.readAllBytes(copy)).as("an existing file is never replaced by get").containsExactly(1, 2, 3);
        run("get", ID);
        assertThat(Files.readAllBytes(copy)).containsExactly(1, 2, 3);
    }

    @Test
    void theKeyTurnsItOffAndAnotherHomeNeverTouchesPhasicsCache() {
        assertThat(run("--set", "phasic.cache=false", "get", ID).code()).isZero();
        assertThat(run("--home", userHome.resolve("elsewhere").toString(), "get", "kingman_n3_theta1").code()).isZero();

        assertThat(userHome.resolve(".phasic_traces/traces")).doesNotExist();
    }

    @Test
    void verifyReportsBadAndUnknownFilesAndFixReplacesOnlyTheBadOnes() throws Exception {
        Path good = Files.createDirectories(phasicFile("kingman_n3_theta1").getParent()).resolve("trace.json.gz");
        Path stored = run("--set", "phasic.cache=false", "get", "kingman_n3_theta1").firstLine();
        Files.copy(stored, good);
        Path bad = Files.createDirectories(phasicFile(ID).getParent()).resolve("trace.json.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 0});
        Path unknown = Files.createDirectories(phasicFile("my_own_model").getParent()).resolve("trace.json.gz");
        Files.writeString(unknown, "my own trace");

        CliRun check = run("verify", "--phasic-cache");

        assertThat(check.code()).isEqualTo(ExitCode.FAILED);
        assertThat(check.out()).contains("bad     " + bad + ": SHA-256 is ", "unknown " + unknown + ": no registry")
                .doesNotContain(good.toString());
        assertThat(check.err()).contains("3 file(s) in phasic's cache checked, 1 bad", "--phasic-cache --fix");
        assertThat(Files.readAllBytes(bad)).containsExactly(0x1f, 0x8b, 0);

        CliRun fix = run("verify", "--phasic-cache", "--fix");

        assertThat(fix.code()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("fixed   " + bad);
        Path verified = run("get", ID).firstLine();
        assertThat(Files.readAllBytes(bad)).isEqualTo(Files.readAllBytes(verified));
        assertThat(Files.readString(unknown)).as("the user's own files are never touched").isEqualTo("my own trace");
        assertThat(run("verify", "--phasic-cache").code()).isZero();
    }
}
