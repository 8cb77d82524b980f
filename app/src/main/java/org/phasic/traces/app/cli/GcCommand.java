package org.phasic.traces.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.GcReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gc}: drop stored content the registry no longer references and the user did not pin. */
@Command(name = "gc", description = "Remove stored traces the registry no longer lists (or lists with another CID) unless pinned.")
public final class GcCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dry-run", description = "only say what would be removed")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        RegistryService registry = context.injector().getInstance(RegistryService.class);
        Map<TraceId, String> keep = new LinkedHashMap<>();
        for (TraceEntry entry : registry.local().traces().values()) {
            keep.put(entry.id(), entry.cid());
        }
        for (TraceEntry entry : registry.bundled().traces().values()) {
            keep.putIfAbsent(entry.id(), entry.cid());
        }
        GcReport report = context.injector().getInstance(TraceStore.class).gc(keep, dryRun);
        String verb = dryRun ? "would remove" : "removed";
        report.references().forEach(id -> context.out().println(verb + " trace " + id));
        context.out().printf("%s %d trace(s), %d file(s), %d bytes%s%n", verb, report.references().size(), report.objects().size(),
                report.bytes(), dryRun ? " (dry run: nothing removed)" : "");
        context.out().flush();
        return ExitCode.OK;
    }
}
