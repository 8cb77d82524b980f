package org.phasic.traces.app.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code list}: the registry's traces, filtered. */
@Command(name = "list", description = "List the traces in the registry (filters combine).")
public final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--domain", paramLabel = "D", description = "only this domain, e.g. population-genetics")
    private String domain;

    @Option(names = "--model-type", paramLabel = "M", description = "only this model type, e.g. coalescent")
    private String modelType;

    @Option(names = "--tag", paramLabel = "T", description = "only traces with this tag (repeatable: all must match)")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--search", paramLabel = "Q", description = "case-insensitive text in the id, descriptions or tags")
    private String search;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() {
        return list(PhasicTracesCommand.contextOf(spec), new RegistryQuery(Optional.ofNullable(domain),
                Optional.ofNullable(modelType), tags, Optional.ofNullable(search)), json.enabled());
    }

    /** Prints the registry's traces that {@code query} selects, in natural order of their ids (as JSON with {@code json}). */
    static int list(CliContext context, RegistryQuery query, boolean json) {
        List<TraceSummary> entries = context.useCases().listTraces().summaries(query).stream()
                .sorted(Comparator.comparing(entry -> entry.id().value(), NaturalOrder.INSTANCE))
                .toList();
        if (json) {
            EntryJson.writeArray(context.out(), entries);
        } else if (entries.isEmpty()) {
            context.out().println("no traces match");
        } else {
            Table table = new Table("ID", "MODEL", "DOMAIN", "VERTICES", "PARAMS", "DESCRIPTION");
            for (TraceSummary entry : entries) {
                TraceSummary.Metadata metadata = entry.metadata();
                table.row(entry.id().value(),
                        metadata == null ? "" : String.valueOf(metadata.modelType()),
                        metadata == null ? "" : String.valueOf(metadata.domain()),
                        metadata == null ? "" : String.valueOf(metadata.vertices()),
                        metadata == null ? "" : String.valueOf(metadata.paramLength()),
                        entry.description() == null ? "" : entry.description());
            }
            table.print(context.out(), 60);
            context.note(entries.size() + " trace(s)");
        }
        context.out().flush();
        return ExitCode.OK;
    }
}
