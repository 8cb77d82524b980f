package org.phasic.traces.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel fetches (default: install.jobs, 16)")
    private Integer jobs;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids (default: every trace in the registry)")
    private List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        int parallel = CliArguments.jobs(context, jobs, "install.jobs");
        var selection = CliArguments.selection(collection, ids);
        context.armBulkRelaunch();
        BatchOutcome outcome;
        try (ItemProgress progress = new ItemProgress(context, "install", item -> BatchReport.line(item, "", ""))) {
            outcome = context.useCases().installTraces().install(selection, parallel, progress);
        }
        outcome = KnownIds.suggest(context, outcome);
        if (json.enabled()) {
            JsonOutput.print(context, EntryJson.batch(outcome));
            return BatchReport.exitCode(outcome);
        }
        return BatchReport.print(context, outcome, String.format("installed %d trace(s): %d fetched, %d already stored, %d failed",
                outcome.items().size() - outcome.count(BatchItem.Status.FAILED), outcome.count(BatchItem.Status.DONE),
                outcome.count(BatchItem.Status.SKIPPED), outcome.count(BatchItem.Status.FAILED)));
    }
}
