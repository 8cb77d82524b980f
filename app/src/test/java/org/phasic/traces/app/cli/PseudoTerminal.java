package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in a fresh JVM inside a pseudo-terminal ({@code script}), as a person at a terminal would. */
final class PseudoTerminal {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private PseudoTerminal() {
    }

    /**
     * The terminal's transcript of {@code phasic-traces ARGS REDIRECT} (a shell redirection, may be empty), which must
     * exit 0; the test is skipped where {@code script} is missing.
     */
    static String run(Path dir, List<String> args, String redirect) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "needs script(1) for a pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> words = new ArrayList<>(List.of(quote(java), "-XX:TieredStopAtLevel=1", "-cp",
                quote(System.getProperty("java.class.path")), Main.class.getName()));
        args.forEach(arg -> words.add(quote(arg)));
        words.add(redirect);
        Path transcriptFile = Files.createTempFile(dir, "transcript", ".txt");
        Process process = new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", String.join(" ", words), "/dev/null"))
                .redirectErrorStream(true).redirectOutput(transcriptFile.toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String transcript = Files.readString(transcriptFile);
        assertThat(process.exitValue()).as(transcript).isZero();
        return transcript;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
