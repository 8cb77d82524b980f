package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.in.ShowTraceUseCase.TraceDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code show ID}: everything the registry says about a trace, and whether it is stored here. */
@Command(name = "show", description = "Show a trace's registry entry and whether the local store has it.")
public final class ShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "trace id")
    private String id;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() throws Exception {
        return show(PhasicTracesCommand.contextOf(spec), CliArguments.traceId(id), json.enabled());
    }

    /** Prints what the registry says about {@code id} (as JSON with {@code json}), and whether it is stored. */
    static int show(CliContext context, TraceId id, boolean json) {
        TraceDetails details = context.useCases().showTrace().show(id);
        TraceEntry entry = details.entry();
        details.warning().ifPresent(context::warn);
        Optional<Path> stored = details.stored();
        boolean bundled = details.bundled();
        if (json) {
            ObjectNode node = EntryJson.summary(entry);
            node.put("bundled", bundled);
            node.put("stored", stored.map(Path::toString).orElse(null));
            JsonOutput.print(context, node);
        } else {
            print(context.out(), entry, bundled, stored);
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, TraceEntry entry, boolean bundled, Optional<Path> stored) {
        TraceMetadata metadata = entry.metadata();
        out.println(entry.id());
        field(out, "description", entry.description());
        field(out, "cid", entry.cid());
        field(out, "checksum", entry.checksum());
        field(out, "license", entry.license());
        field(out, "superseded", entry.supersededBy() == null ? null : "by " + UntrustedText.printable(entry.supersededBy()));
        field(out, "defect", entry.defect() == null ? null : UntrustedText.printable(entry.defect()));
        if (metadata != null) {
            field(out, "model", metadata.modelType() + " / " + metadata.variant() + " (" + metadata.domain() + ")");
            field(out, "vertices", String.valueOf(metadata.vertices()));
            field(out, "parameters", metadata.parameters().isEmpty() ? String.valueOf(metadata.paramLength())
                    : String.join(", ", metadata.parameters().stream().map(p -> p.name() + " " + p.domain()).toList()));
            field(out, "tags", String.join(", ", metadata.tags()));
            field(out, "author", metadata.author());
            if (metadata.citation() != null) {
                field(out, "citation", metadata.citation().text() + " doi:" + metadata.citation().doi());
            }
        }
        for (Map.Entry<String, FileRef> file : entry.files().entrySet()) {
            field(out, "file", file.getKey() + " " + file.getValue().sizeBytes() + " bytes, cid " + file.getValue().cid());
        }
        field(out, "bundled", bundled ? "yes (works offline)" : "no");
        field(out, "stored", stored.map(Path::toString).orElse("no"));
    }

    private static void field(PrintWriter out, String name, String value) {
        if (value != null) {
            out.printf("  %-12s %s%n", name, value);
        }
    }
}
