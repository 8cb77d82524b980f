package org.phasic.traces.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.application.InstallService;
import org.phasic.traces.application.InstallService.Outcome;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code install}: fetch many traces (a collection, given ids, or the whole registry) in parallel. */
@Command(name = "install", description = "Fetch traces into the local store: the given ids, a collection, or the whole registry.")
public final class InstallCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--collection", paramLabel = "NAME", description = "a collection from the registry")
    private String collection;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel fetches (default: install.jobs, 4)")
    private Integer jobs;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids (default: every trace in the registry)")
    private List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        int parallel = CliArguments.jobs(context, jobs, "install.jobs");
        List<TraceId> wanted = selection(context.injector().getInstance(RegistryService.class).current());
        InstallService installer = context.injector().getInstance(InstallService.class);
        List<Outcome> outcomes;
        try (ItemProgress progress = new ItemProgress(context, "install", wanted.size())) {
            outcomes = installer.install(wanted, parallel, outcome -> progress.finished(outcome.id() + ": "
                    + (outcome.ok() ? "ok (" + outcome.servedBy() + ")" : "FAILED " + outcome.error())));
        }
        long failed = outcomes.stream().filter(outcome -> !outcome.ok()).count();
        long already = outcomes.stream().filter(Outcome::alreadyStored).count();
        outcomes.stream().filter(outcome -> !outcome.ok())
                .forEach(outcome -> context.err().println("failed " + outcome.id() + ": " + outcome.error()));
        context.out().printf("installed %d trace(s): %d fetched, %d already stored, %d failed%n",
                outcomes.size() - failed, outcomes.size() - failed - already, already, failed);
        context.out().flush();
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private List<TraceId> selection(Registry registry) {
        return CliArguments.selection(registry, collection, ids).orElseGet(() -> List.copyOf(registry.traces().keySet()));
    }

}
