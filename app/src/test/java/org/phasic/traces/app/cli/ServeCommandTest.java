package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** {@code serve}'s failures before it listens: a bad port is a usage error, an address in use a failed operation. */
class ServeCommandTest {
    @TempDir
    Path userHome;

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), userHome, "--home", userHome.resolve("home").toString(), "--offline", "serve",
                "--port", "70000");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().toList()).containsExactly("phasic-traces: --port must be between 0 and 65535, got 70000",
                "  hint: see 'phasic-traces serve --help'");
    }

    @Test
    void anAddressInUseFailsWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.run(Map.of(), userHome, "--home", userHome.resolve("home").toString(), "--offline", "serve",
                    "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.code()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).startsWith("phasic-traces: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("  hint: choose another --port or --bind");
        }
    }

    @Test
    void mirroringNeedsTheNetworkAndABoundedInterval() {
        Path home = userHome.resolve("home");
        CliRun offline = CliRun.run(Map.of(), userHome, "--home", home.toString(), "--offline", "serve", "--mirror");
        CliRun badInterval = CliRun.run(Map.of(), userHome, "--home", home.toString(), "serve", "--mirror", "--interval", "5");

        assertThat(offline.code()).isEqualTo(ExitCode.USAGE);
        assertThat(offline.err()).startsWith("phasic-traces: serve --mirror needs the network");
        assertThat(badInterval.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badInterval.err()).startsWith("phasic-traces: invalid --interval '5'");
    }

    @Test
    void printsAServiceThatServesAndMirrorsWithTheGivenOptions() {
        CliRun run = CliRun.run(Map.of(), userHome, "--home", userHome.resolve("home").toString(), "serve", "--port", "8081",
                "--mirror", "--interval", "6h", "--print-service", "systemd");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow())
                .endsWith("serve --port 8081 --mirror --interval 6h");
    }
}
