package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

class CliTest {
    @TempDir
    Path userHome;


    private CliRun run(Map<String, String> environment, String... args) {
        return CliRun.run(environment, userHome, args);
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = run(Map.of(), "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: phasic-traces", "config", "Exit codes: 0 ok, 1 operation failed, 2 usage");
    }

    @Test
    void versionNamesTheTool() {
        CliRun run = run(Map.of(), "--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("phasic-traces ").doesNotContain("unknown");
    }

    @Test
    void configShowPrintsValuesAndTheirSources() throws Exception {
        Path home = userHome.resolve("h");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.yaml"), "registry:\n  branch: develop\n");

        CliRun run = run(Map.of("PHASIC_TRACES_HOME", home.toString()), "config", "show", "--set", "install.jobs=3");

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("registry\\.branch\\s+develop\\s+file " + home.resolve("config.yaml"))
                .containsPattern("home\\s+" + home + "\\s+env PHASIC_TRACES_HOME")
                .containsPattern("install\\.jobs\\s+3\\s+flag --set install\\.jobs");
    }

    @Test
    void configShowJsonIsMachineReadable() {
        CliRun run = run(Map.of(), "config", "show", "--json");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("\"key\" : \"profile\"", "\"value\" : \"gateway\"", "\"source\" : \"default\"");
    }

    @Test
    void badProfileExitsTwoWithOneLineAndAHint() {
        CliRun run = run(Map.of(), "--profile", "bogus", "config", "show");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).startsWith("phasic-traces: invalid value 'bogus' for profile (from flag --profile)")
                .contains("hint:").doesNotContain("Exception", "\tat ");
    }

    @Test
    void offlineCannotBeCombinedWithNetworkProfiles() {
        CliRun run = run(Map.of(), "--profile", "offline,gateway", "config", "show");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'offline' cannot be combined");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = run(Map.of(), "config", "show", "--bogus");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown option: '--bogus'", "hint: see 'phasic-traces config show --help'");
    }
}
