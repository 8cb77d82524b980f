package org.phasic.traces.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: a shell completion script for every command and option. */
@Command(name = "completion", description = {"Print a shell completion script for bash or zsh.",
        "Load it with: source <(phasic-traces completion bash), or in ~/.zshrc: source <(phasic-traces completion zsh)."})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells a script can be printed for. */
    enum Shell { bash, zsh }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    private Shell shell;

    @Override
    public Integer call() {
        String bash = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        var out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.println("# zsh: bash completion through bashcompinit");
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(bash);
        out.flush();
        return ExitCode.OK;
    }
}
