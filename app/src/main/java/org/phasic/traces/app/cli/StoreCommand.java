package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.phasic.traces.app.config.Suggestions;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.StoreListing;
import org.phasic.traces.ports.in.StoredTraceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code store ls|du|rm}: what the local store holds, how much room it takes, and removing traces from it. */
@Command(name = "store", description = "Look into the local store: list its traces, show the room they take, remove some.",
        subcommands = {StoreCommand.Ls.class, StoreCommand.Du.class, StoreCommand.Rm.class})
public final class StoreCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command that prints what the store holds, as text or JSON. */
    abstract static class Listing implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            StoreListing listing = context.useCases().storeMaintenance().list();
            if (json.enabled()) {
                JsonOutput.print(context, toJson(listing));
            } else {
                print(context, listing);
            }
            context.out().flush();
            return ExitCode.OK;
        }

        abstract Object toJson(StoreListing listing);

        abstract void print(CliContext context, StoreListing listing);
    }

    /** {@code store ls}: every stored trace with its CID, size, last use and pin. */
    @Command(name = "ls", description = "List the traces in the local store: id, directory CID, bytes, last used, pinned.")
    static final class Ls extends Listing {
        @Override
        Object toJson(StoreListing listing) {
            ArrayNode rows = EntryJson.MAPPER.createArrayNode();
            for (StoredTraceInfo trace : listing.traces()) {
                ObjectNode row = rows.addObject();
                row.put("id", trace.id().value());
                row.put("cid", trace.rootCid());
                row.put("files", trace.files());
                row.put("bytes", trace.bytes());
                row.put("last_used", lastUsed(trace));
                row.put("pinned", trace.pinned());
            }
            return rows;
        }

        @Override
        void print(CliContext context, StoreListing listing) {
            Table table = new Table("ID", "CID", "BYTES", "LAST USED", "PINNED");
            for (StoredTraceInfo trace : listing.traces()) {
                table.row(trace.id().value(), trace.rootCid(), Long.toString(trace.bytes()), lastUsed(trace),
                        trace.pinned() ? "yes" : "no");
            }
            table.print(context.out(), "PINNED".length());
            context.note(listing.traces().size() + " trace(s), " + listing.totalBytes() + " bytes on disk");
        }

        private static String lastUsed(StoredTraceInfo trace) {
            return trace.lastUsed().truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    /** {@code store du}: bytes per trace and in total. */
    @Command(name = "du", description = "Show the bytes each stored trace takes and the store's total on disk.")
    static final class Du extends Listing {
        @Override
        Object toJson(StoreListing listing) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            node.put("total_bytes", listing.totalBytes());
            ObjectNode traces = node.putObject("traces");
            listing.traces().forEach(trace -> traces.put(trace.id().value(), trace.bytes()));
            return node;
        }

        @Override
        void print(CliContext context, StoreListing listing) {
            listing.traces().forEach(trace -> context.out().printf("%12d  %s%n", trace.bytes(), trace.id()));
            context.out().printf("%12d  total%n", listing.totalBytes());
        }
    }

    /** {@code store rm ID...}: drop stored traces; content no other trace uses goes too. */
    @Command(name = "rm", description = "Remove traces from the local store (pins too); content no other stored trace uses goes with them.")
    static final class Rm implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "ids of stored traces (see 'store ls')")
        private List<String> ids = new ArrayList<>();

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            GcReport report;
            try {
                report = context.useCases().storeMaintenance().remove(CliArguments.traceIds(ids));
            } catch (InvalidInputException e) {
                throw withClosestStored(context, e);
            }
            if (json.enabled()) {
                JsonOutput.print(context, EntryJson.removal(report));
                return ExitCode.OK;
            }
            report.references().forEach(id -> context.out().println("removed trace " + id));
            context.note(String.format("removed %d trace(s), %d file(s), %d bytes", report.references().size(),
                    report.objects().size(), report.bytes()));
            context.out().flush();
            return ExitCode.OK;
        }

        /** {@code failure} (ids the store does not hold) with the stored ids closest to them first in its hint. */
        private RuntimeException withClosestStored(CliContext context, InvalidInputException failure) {
            if (failure.hint().kind() != Hint.Kind.LIST_STORED) {
                return failure;
            }
            List<String> stored = context.useCases().storeMaintenance().list().traces().stream()
                    .map(trace -> trace.id().value()).toList();
            String guesses = ids.stream().filter(id -> !stored.contains(id))
                    .flatMap(id -> Suggestions.didYouMean(id, stored).stream()).distinct().collect(Collectors.joining(" "));
            return new CliArguments.UsageError(failure.getMessage(), (guesses.isEmpty() ? "" : guesses + " ") + HintText.of(failure.hint()));
        }
    }
}
