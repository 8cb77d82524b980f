package org.phasic.traces.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.StoreProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: re-hash the whole local store. */
@Command(name = "verify", description = "Re-hash every file in the local store and report (or, with --fix, remove) bad entries.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--fix", description = "remove bad entries so the next get fetches them again")
    private boolean fix;

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        List<StoreProblem> problems = context.useCases().storeMaintenance().verify(fix);
        for (StoreProblem problem : problems) {
            context.out().println((problem.fixed() ? "removed " : "bad     ") + problem.what() + ": " + problem.reason());
        }
        if (problems.isEmpty()) {
            context.out().println("store is intact");
        } else if (!fix) {
            context.err().println("hint: " + HintText.of(Hint.of(Hint.Kind.FIX_STORE)));
        }
        context.out().flush();
        return problems.isEmpty() || fix ? ExitCode.OK : ExitCode.FAILED;
    }
}
