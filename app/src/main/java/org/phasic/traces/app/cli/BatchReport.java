package org.phasic.traces.app.cli;

import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;

/** How batch commands ({@code install}, {@code cache push/pull}) report: failures on standard error, one summary line. */
final class BatchReport {
    private BatchReport() {
    }

    /** {@code id: ok (source)}, {@code id: <done>}, {@code id: skipped (already there)} or {@code id: FAILED reason}. */
    static String line(BatchItem item, String done, String skipped) {
        return item.id() + ": " + switch (item.status()) {
            case DONE -> done.isEmpty() ? "ok (" + item.servedBy().map(Object::toString).orElse("") + ")" : done;
            case SKIPPED -> skipped.isEmpty() ? "ok (" + item.servedBy().map(Object::toString).orElse("") + ")" : skipped;
            case FAILED -> "FAILED " + item.error().orElse("");
        };
    }

    /** Prints {@code failed <id>: <reason>[; <hint>]} for every failed item, then {@code summary}; returns the exit code. */
    static int print(CliContext context, BatchOutcome outcome, String summary) {
        outcome.failures().forEach(item -> {
            String hint = HintText.of(item.hint());
            context.err().println("failed " + item.id() + ": " + item.error().orElse("") + (hint.isEmpty() ? "" : "; " + hint));
        });
        context.err().flush();
        context.out().println(summary);
        context.out().flush();
        return outcome.ok() ? ExitCode.OK : ExitCode.FAILED;
    }
}
