package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress is drawn on standard error exactly when standard error is a terminal: the command runs in a
 * pseudo-terminal ({@code script}) with one of its streams redirected to a file.
 */
class TerminalProgressTest {
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
        return PseudoTerminal.run(dir, List.of("--home", dir.resolve("home").toString(), "--offline", "install",
                "kingman_n3_theta1", "kingman_n5_theta1"), redirect);
    }
}
