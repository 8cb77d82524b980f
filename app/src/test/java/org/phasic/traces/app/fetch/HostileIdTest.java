package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** Hostile trace ids are refused as usage errors before anything touches the disk. */
class HostileIdTest {
    @TempDir
    Path temp;

    static Stream<String> hostileIds() {
        return Stream.of("../x", "..", "a/b", "a\\b", "/etc/passwd", "CON", "Kingman_n5_theta1", "", " ", ".hidden",
                "_leading", "x".repeat(129), "x".repeat(10_000), "a\u0000b", "a\nb", "caf\u00e9", "kingman_n5_theta1/../../x");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void getRefusesTheIdWithExitTwoAndCreatesNothing(String id) throws Exception {
        Cli cli = new Cli(temp.resolve("home"));

        CliRun run = cli.run("--offline", "get", id);

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("phasic-traces: invalid trace id").hasSizeLessThan(400)
                .doesNotContain("Exception").doesNotContain("\u0000");
        assertThat(run.out()).isEmpty();
        assertThat(temp).as("refused before any I/O: not even the home folder exists").isEmptyDirectory();
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void showAndInstallRefuseItToo(String id) {
        Cli cli = new Cli(temp.resolve("home"));

        assertThat(cli.run("--offline", "show", id).code()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("--offline", "install", id).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theFacadeRefusesItBeforeAnyIo() {
        PhasicTraces client = PhasicTraces.builder().home(temp.resolve("home")).offline(true).environment(Map.of()).build();

        assertThatThrownBy(() -> client.trace("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid trace id '../../etc/passwd'");
        assertThat(temp).isEmptyDirectory();
    }
}
