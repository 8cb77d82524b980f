package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** {@code config set} and {@code config unset}: checked like every setting, written atomically, seen by {@code config show}. */
class ConfigCommandTest {
    @TempDir
    Path userHome;

    private Path file() {
        return userHome.resolve(".phasic_traces/config.yaml");
    }

    private CliRun run(String... args) {
        return CliRun.run(Map.of(), userHome, args);
    }

    @Test
    void setThenShowReportsTheFileAsTheOrigin() {
        CliRun set = run("config", "set", "install.jobs", "4");
        CliRun show = run("config", "show");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("set install.jobs = 4 in " + file() + System.lineSeparator());
        assertThat(show.out()).containsPattern("install\\.jobs\\s+4\\s+file " + file());
    }

    @Test
    void unsetGoesBackToTheDefault() {
        run("config", "set", "registry.branch", "develop");

        CliRun unset = run("config", "unset", "registry.branch");
        CliRun again = run("config", "unset", "registry.branch");
        CliRun show = run("config", "show", "--json");

        assertThat(unset.code()).as(unset.err()).isZero();
        assertThat(unset.out()).contains("unset registry.branch in " + file());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("not set in the file, nothing changed: registry.branch");
        assertThat(show.out()).doesNotContain("develop");
    }

    @Test
    void anUnknownKeyIsAUsageErrorWithTheClosestKnownOne() {
        CliRun set = run("config", "set", "instal.jobs", "4");
        CliRun unset = run("config", "unset", "registry.brnch");

        assertThat(set.code()).isEqualTo(ExitCode.USAGE);
        assertThat(set.err()).startsWith("phasic-traces: unknown configuration key 'instal.jobs'")
                .contains("hint: did you mean 'install.jobs'?");
        assertThat(unset.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unset.err()).contains("did you mean 'registry.branch'?");
        assertThat(file()).doesNotExist();
    }

    @Test
    void aBadValueNamesKeyValueAndWhatIsAllowedAndLeavesTheFileUntouched() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "# mine\ninstall:\n  jobs: 2\n");
        byte[] before = Files.readAllBytes(file());

        CliRun jobs = run("config", "set", "install.jobs", "0");
        CliRun profiles = run("config", "set", "profile", "offline,gateway");
        CliRun url = run("config", "set", "gateway.urls", "notaurl");

        assertThat(jobs.code()).isEqualTo(ExitCode.USAGE);
        assertThat(jobs.err().lines()).containsExactly(
                "phasic-traces: invalid value '0' for install.jobs (from the command line): expected a whole number from 1 to 64",
                "  hint: fix it in the command line; 'phasic-traces config show' lists every key");
        assertThat(profiles.code()).isEqualTo(ExitCode.USAGE);
        assertThat(profiles.err()).contains("'offline' cannot be combined");
        assertThat(url.code()).isEqualTo(ExitCode.USAGE);
        assertThat(url.err()).contains("invalid value 'notaurl' for gateway.urls");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        assertThat(Files.list(file().getParent())).containsExactly(file());
    }

    @Test
    void aMisspeltKeyInTheFileCanBeUnset() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "instal:\n  jobs: 3\n");
        assertThat(run("config", "show").code()).isEqualTo(ExitCode.USAGE);

        CliRun unset = run("config", "unset", "instal.jobs");

        assertThat(unset.code()).as(unset.err()).isZero();
        assertThat(run("config", "show").code()).isZero();
    }

    @Test
    void aSecretIsNeverPrintedAndTheEnvironmentIsRecommended() {
        CliRun set = run("config", "set", "github.token", "ghp_secretvalue123");
        CliRun show = run("config", "show");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("set github.token = **** in ");
        assertThat(set.err()).contains("warning: github.token is a secret", "GITHUB_TOKEN");
        assertThat(set.out() + set.err() + show.out()).doesNotContain("ghp_secretvalue123");
        assertThat(show.out()).containsPattern("github\\.token\\s+\\*\\*\\*\\*\\s+file ");
    }

    @Test
    void aKeyTheEnvironmentDecidesIsWrittenWithAWarning() {
        CliRun set = CliRun.run(Map.of("PHASIC_TRACES_INSTALL_JOBS", "6"), userHome, "config", "set", "install.jobs", "4");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.err()).contains("warning: install.jobs is decided by env PHASIC_TRACES_INSTALL_JOBS, which wins over the file");
    }

    @Test
    void helpSaysWhereSecretsBelong() {
        CliRun help = run("config", "set", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: phasic-traces config set", "KEY", "VALUE", "environment variables");
    }
}
