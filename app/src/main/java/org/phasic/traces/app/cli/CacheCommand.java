package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.in.MirrorUseCase.MirroredTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cache push|pull|ls}: the private mirror of the active {@code s3} or {@code gcs} profile. */
@Command(name = "cache", description = "Private mirror of the active s3 or gcs profile: push local traces, pull them, list them.",
        subcommands = {CacheCommand.Push.class, CacheCommand.Pull.class, CacheCommand.Ls.class})
public final class CacheCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cache push}: send traces of the local store that the mirror lacks. */
    @Command(name = "push", description = "Copy traces from the local store to the mirror; sends only what the mirror lacks.")
    static final class Push implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--all", description = "every trace in the local store")
        private boolean all;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel uploads (default: cache.jobs, 4)")
        private Integer jobs;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids in the local store")
        private List<String> ids = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            if (all == !ids.isEmpty()) {
                throw new CliArguments.UsageError("give trace ids or --all, not both and not neither");
            }
            int parallel = CliArguments.jobs(context, jobs, "cache.jobs");
            BatchOutcome outcome;
            try (ItemProgress progress = new ItemProgress(context, "push", item -> BatchReport.line(item, "sent", SKIPPED))) {
                outcome = context.useCases().mirror().push(CliArguments.traceIds(ids), parallel, progress);
            }
            return summarize(context, "push to ", "sent", outcome, json);
        }
    }

    /** {@code cache pull}: fetch traces from the mirror into the local store, verified like any source. */
    @Command(name = "pull", description = "Fetch traces from the mirror into the local store (verified against the registry).")
    static final class Pull implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--collection", paramLabel = "NAME", description = "a collection from the registry")
        private String collection;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel downloads (default: cache.jobs, 4)")
        private Integer jobs;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids (default: every trace the mirror lists)")
        private List<String> ids = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            int parallel = CliArguments.jobs(context, jobs, "cache.jobs");
            var selection = CliArguments.selection(collection, ids);
            BatchOutcome outcome;
            try (ItemProgress progress = new ItemProgress(context, "pull", item -> BatchReport.line(item, "received", SKIPPED))) {
                outcome = context.useCases().mirror().pull(selection, parallel, progress);
            }
            outcome = KnownIds.suggest(context, outcome);
            return summarize(context, "pull from ", "received", outcome, json);
        }
    }

    /** {@code cache ls}: what the mirror holds. */
    @Command(name = "ls", description = "List the traces in the mirror: id, directory CID and CAR size.")
    static final class Ls implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            MirrorUseCase.Listing listing = context.useCases().mirror().list();
            listing.unreadable().forEach(key -> context.err().println("unreadable index entry " + key + " in " + listing.location()));
            ArrayNode rows = EntryJson.MAPPER.createArrayNode();
            Table table = new Table("ID", "CID", "CAR BYTES");
            for (MirroredTrace trace : listing.traces()) {
                ObjectNode row = rows.addObject();
                row.put("id", trace.id().value());
                row.put("cid", trace.rootCid());
                if (trace.carBytes().isPresent()) {
                    row.put("car_bytes", trace.carBytes().getAsLong());
                } else {
                    row.putNull("car_bytes");
                }
                table.row(trace.id().value(), trace.rootCid(),
                        trace.carBytes().isPresent() ? Long.toString(trace.carBytes().getAsLong()) : "missing");
            }
            if (json.enabled()) {
                JsonOutput.print(context, rows);
            } else {
                table.print(context.out(), 40);
                context.note(rows.size() + " trace(s) in " + listing.location());
            }
            context.out().flush();
            return listing.unreadable().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private static final String SKIPPED = "skipped (already there)";

    private static int summarize(CliContext context, String what, String doneVerb, BatchOutcome outcome, JsonOutput json) {
        if (json.enabled()) {
            JsonOutput.print(context, EntryJson.batch(outcome));
            return BatchReport.exitCode(outcome);
        }
        return BatchReport.print(context, outcome, String.format("%s%s: %d %s, %d skipped, %d failed", what, outcome.target(),
                outcome.count(BatchItem.Status.DONE), doneVerb, outcome.count(BatchItem.Status.SKIPPED),
                outcome.count(BatchItem.Status.FAILED)));
    }
}
