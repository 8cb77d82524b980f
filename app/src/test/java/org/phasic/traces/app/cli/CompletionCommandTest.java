package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** {@code completion bash|zsh}: a script bash accepts and that completes sub-command names. */
class CompletionCommandTest {
    @TempDir
    Path temp;

    private CliRun completion(String shell) {
        return CliRun.run(Map.of(), temp, "completion", shell);
    }

    private static String bash(Path script, String commands) throws Exception {
        Process process = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", commands, "bash", script.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theBashScriptIsValidAndCompletesSubcommandNames() throws Exception {
        CliRun run = completion("bash");
        assertThat(run.code()).as(run.err()).isZero();
        Path script = Files.writeString(temp.resolve("phasic-traces.bash"), run.out());

        bash(script, "bash -n \"$1\"");
        String completed = bash(script, "source \"$1\"; COMP_WORDS=(phasic-traces sto); COMP_CWORD=1; COMP_LINE='phasic-traces sto';"
                + " COMP_POINT=${#COMP_LINE}; _complete_phasic-traces phasic-traces sto phasic-traces; printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertThat(completed.lines()).contains("store");
    }

    @Test
    void theZshScriptLoadsBashCompletionFirst() {
        CliRun run = completion("zsh");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# zsh").contains("bashcompinit", "complete -F _complete_phasic-traces");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(completion("fish").code()).isEqualTo(ExitCode.USAGE);
    }
}
