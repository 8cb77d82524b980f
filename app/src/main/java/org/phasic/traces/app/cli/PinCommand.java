package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.registry.TraceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pin}: keep traces in the local store through {@code gc}. */
@Command(name = "pin", description = "Keep stored traces through gc (--remove to undo); without ids, list the pins.")
public final class PinCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--remove", description = "unpin the given ids")
    private boolean remove;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids")
    private List<String> ids = List.of();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        List<TraceId> parsed = CliArguments.traceIds(ids);
        var pins = context.useCases().storeMaintenance().pin(parsed, !remove);
        List<String> sorted = pins.stream().map(TraceId::value).sorted(NaturalOrder.INSTANCE).toList();
        if (json.enabled()) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            sorted.forEach(node.putArray("pins")::add);
            JsonOutput.print(context, node);
            return ExitCode.OK;
        }
        sorted.forEach(context.out()::println);
        if (pins.isEmpty()) {
            context.note("no pins (pin ID keeps a stored trace through gc)");
        }
        context.out().flush();
        return ExitCode.OK;
    }
}
