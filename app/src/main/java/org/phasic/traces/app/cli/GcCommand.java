package org.phasic.traces.app.cli;

import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.GcReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        GcReport report = context.useCases().storeMaintenance().gc(dryRun);
        if (json.enabled()) {
            JsonOutput.print(context, EntryJson.removal(report));
            return ExitCode.OK;
        }
        String verb = dryRun ? "would remove" : "removed";
        report.references().forEach(id -> context.out().println(verb + " trace " + id));
        context.out().printf("%s %d trace(s), %d file(s), %d bytes%s%n", verb, report.references().size(), report.objects().size(),
                report.bytes(), dryRun ? " (dry run: nothing removed)" : "");
        context.out().flush();
        return ExitCode.OK;
    }
}
