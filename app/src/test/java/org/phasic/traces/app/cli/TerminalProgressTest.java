package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress is drawn on standard error exactly when standard error is a terminal: the command runs in a
 * pseudo-terminal ({@code script}) with one of its streams redirected to a file.
 */
class TerminalProgressTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    @Test
    void stderrToAFileGetsPlainLinesAndNoFrames() throws Exception {
        String transcript = inTerminal("2> " + dir.resolve("err.log"));

        String err = Files.readString(dir.resolve("err.log"));
        assertThat(err).contains("[1/2] ", "[2/2] ").doesNotContain("\r");
        assertThat(transcript).contains("installed 2 trace(s)");
    }

    @Test
    void stderrOnATerminalGetsTheProgressBarEvenWhenStdoutIsAFile() throws Exception {
        String transcript = inTerminal("> " + dir.resolve("out.log"));

        assertThat(transcript).contains("\r").doesNotContain("[1/2] ")
                .as("items, and bytes of the registry's sizes").containsPattern("install: 2/2, [0-9.]+ KiB of [0-9.]+ KiB");
        assertThat(Files.readString(dir.resolve("out.log"))).contains("installed 2 trace(s)").doesNotContain("\r");
    }

    private String inTerminal(String redirect) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "needs script(1) for a pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", quote(java), "-XX:TieredStopAtLevel=1", "-cp", quote(System.getProperty("java.class.path")),
                Main.class.getName(), "--home", quote(dir.resolve("home").toString()), "--offline", "install",
                "kingman_n3_theta1", "kingman_n5_theta1", redirect);
        Process process = new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", command, "/dev/null"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("transcript").toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String transcript = Files.readString(dir.resolve("transcript"));
        assertThat(process.exitValue()).as(transcript).isZero();
        return transcript;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
