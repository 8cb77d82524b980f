package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.PhasicCacheFile;
import org.phasic.traces.ports.in.StoreProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: re-hash the whole local store. */
@Command(name = "verify", description = {"Re-hash every file in the local store and report (or, with --fix, remove) bad entries.",
        "With --phasic-cache, check phasic's own trace cache instead."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--fix", description = {"remove bad entries so the next get fetches them again;",
            "with --phasic-cache: replace bad files with verified copies"})
    private boolean fix;

    @Option(names = "--phasic-cache", description = {"check phasic's own cache (~/.phasic_traces/traces/<id>/trace.json.gz)",
            "against the registry checksums instead of the store"})
    private boolean phasicCache;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() throws Exception {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        if (phasicCache) {
            return verifyPhasicCache(context);
        }
        List<StoreProblem> problems = context.useCases().storeMaintenance().verify(fix);
        int code = problems.isEmpty() || fix ? ExitCode.OK : ExitCode.FAILED;
        if (json.enabled()) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            node.put("intact", problems.isEmpty());
            ArrayNode rows = node.putArray("problems");
            problems.forEach(problem -> rows.addObject().put("what", problem.what()).put("reason", problem.reason())
                    .put("fixed", problem.fixed()));
            JsonOutput.print(context, node);
            return code;
        }
        for (StoreProblem problem : problems) {
            context.out().println((problem.fixed() ? "removed " : "bad     ") + problem.what() + ": " + problem.reason());
        }
        if (problems.isEmpty()) {
            context.out().println("store is intact");
        } else if (!fix) {
            context.err().println("hint: " + HintText.of(Hint.of(Hint.Kind.FIX_STORE)));
        }
        context.out().flush();
        return code;
    }

    private int verifyPhasicCache(CliContext context) {
        List<PhasicCacheFile> files = context.useCases().phasicCache().verify(fix);
        long bad = files.stream().filter(file -> file.status() == PhasicCacheFile.Status.BAD).count();
        if (json.enabled()) {
            ObjectNode node = EntryJson.MAPPER.createObjectNode();
            node.put("checked", files.size());
            node.put("bad", bad);
            ArrayNode rows = node.putArray("files");
            files.forEach(file -> rows.addObject().put("id", file.id()).put("file", file.file().toString())
                    .put("status", file.status().name().toLowerCase(Locale.ROOT)).put("detail", file.detail()));
            JsonOutput.print(context, node);
            return bad == 0 ? ExitCode.OK : ExitCode.FAILED;
        }
        for (PhasicCacheFile file : files) {
            switch (file.status()) {
                case OK -> context.note("ok      " + file.file());
                case FIXED -> context.out().println("fixed   " + file.file() + ": " + file.detail());
                case BAD -> context.out().println("bad     " + file.file() + ": " + file.detail());
                case UNKNOWN -> context.out().println("unknown " + file.file() + ": " + file.detail());
            }
        }
        context.note(files.size() + " file(s) in phasic's cache checked, " + bad + " bad");
        if (bad > 0 && !fix) {
            context.err().println("hint: run 'phasic-traces verify --phasic-cache --fix' to replace them with verified copies");
        }
        context.out().flush();
        return bad == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
