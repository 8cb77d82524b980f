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
}
