package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.TraceFolder;
import org.phasic.traces.domain.registry.TraceEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code get ID}: a verified trace in the local store (fetched if needed). */
@Command(name = "get", description = "Get a verified trace by id (local store first, then the sources of the active profiles).")
public final class GetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "trace id, e.g. kingman_n5_theta1")
    private String id;

    @Option(names = "--force", description = "fetch again even if the local store has it; with --dir, replace existing files")
    private boolean force;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "also copy trace.json.gz to FILE; '-' writes its bytes to standard output instead of the path")
    private Path output;

    @Option(names = "--dir", paramLabel = "DIR", description = {"write the trace's whole folder (trace.json.gz, metadata.json,",
            "checksum.sha256, code files) into DIR, verified; never replaces files without --force"})
    private Path dir;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        var traceId = CliArguments.traceId(id);
        if (dir != null) {
            if (output != null) {
                throw new CliArguments.UsageError("--dir and --output cannot be combined; --dir writes trace.json.gz too");
            }
            return folder(context, traceId);
        }
        boolean toStdout = output != null && output.toString().equals("-");
        if (toStdout && json.enabled()) {
            throw new CliArguments.UsageError("-o - writes the trace to standard output; it cannot go with --json");
        }
        Path target = output == null || toStdout ? null : checkedOutput(output.toAbsolutePath());
        context.armBulkRelaunch();
        LoadedTrace loaded = context.useCases().getTrace().get(traceId, force);
        loaded.warning().ifPresent(context::warn);
        if (toStdout) {
            context.out().flush();
            Files.copy(loaded.path(), System.out);
            System.out.flush();
            context.note(traceId + ": " + loaded.summary() + " (CID " + loaded.entry().cid() + ", verified)");
            return ExitCode.OK;
        }
        Path path = target == null ? loaded.path() : copy(loaded.path(), target);
        if (json.enabled()) {
            ObjectNode node = EntryJson.summary(loaded.entry());
            node.put("path", path.toString());
            node.put("served_by", loaded.servedBy().name());
            node.put("n_vertices", loaded.trace().nVertices());
            node.put("operations", loaded.trace().operations().size());
            JsonOutput.print(context, node);
            context.out().flush();
        } else {
            print(context, traceId, loaded, path);
        }
        return ExitCode.OK;
    }

    /** Gets trace {@code id} as {@code get ID} does, without further options; returns the exit code. */
    static int get(CliContext context, TraceId id) {
        context.armBulkRelaunch();
        LoadedTrace loaded = context.useCases().getTrace().get(id, false);
        loaded.warning().ifPresent(context::warn);
        print(context, id, loaded, loaded.path());
        return ExitCode.OK;
    }

    /** The plain result: the file's path on standard output, where it came from on standard error (unless quiet). */
    private static void print(CliContext context, TraceId id, LoadedTrace loaded, Path path) {
        context.out().println(path);
        context.out().flush();
        context.note(id + ": " + loaded.summary() + " (CID " + loaded.entry().cid() + ", from " + loaded.servedBy()
                + ", verified)");
    }

    private int folder(CliContext context, TraceId traceId) {
        context.armBulkRelaunch();
        TraceFolder folder = context.useCases().getTraceFiles().folder(traceId, dir, force);
        if (json.enabled()) {
            ObjectNode node = EntryJson.summary(folder.entry());
            node.put("dir", folder.folder().toString());
            node.put("served_by", folder.servedBy().name());
            node.put("bytes", folder.bytes());
            var files = node.putArray("files");
            folder.files().forEach(file -> files.add(file.toString()));
            JsonOutput.print(context, node);
        } else {
            folder.files().forEach(context.out()::println);
            context.note(traceId + ": " + folder.files().size() + " file(s), " + folder.bytes() + " bytes in " + folder.folder()
                    + " (CID " + folder.rootCid() + ", from " + folder.servedBy() + ", verified)");
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private static Path checkedOutput(Path target) {
        if (Files.isDirectory(target)) {
            throw new CliArguments.UsageError("--output " + target + " is a folder; give a file name, e.g. "
                    + target.resolve(TraceEntry.TRACE_FILE));
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new CliArguments.UsageError("--output " + target + ": the folder " + target.getParent() + " does not exist");
        }
        return target;
    }

    /** Copies {@code stored} to {@code target} through a staging file beside it, so readers never see half a file. */
    private static Path copy(Path stored, Path target) throws IOException {
        Path staged = Files.createTempFile(target.getParent(), ".phasic-traces-", ".part");
        try {
            Files.copy(stored, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
        return target;
    }
}
