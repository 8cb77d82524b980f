package org.phasic.traces.app.cli;

import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.Hint;

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

    /**
     * Prints {@code phasic-traces: failed <id>: <reason>[; <hint>]} for every failed item, then {@code summary}; returns
     * the exit code: 0 when nothing failed, 2 when every failure is an id no registry lists, else 1.
     */
    static int print(CliContext context, BatchOutcome outcome, String summary) {
        outcome.failures().forEach(item -> {
            String hint = HintText.of(item.hint());
            context.err().println("phasic-traces: failed " + item.id() + ": " + item.error().orElse("") + (hint.isEmpty() ? "" : "; " + hint));
        });
        context.err().flush();
        context.out().println(summary);
        context.out().flush();
        return exitCode(outcome);
    }

    /** 0 when nothing failed, 2 when every failure is an id no registry lists, else 1. */
    static int exitCode(BatchOutcome outcome) {
        if (outcome.ok()) {
            return ExitCode.OK;
        }
        boolean onlyUnknownIds = outcome.failures().stream().allMatch(item -> item.hint().kind() == Hint.Kind.LIST_TRACES
                || item.hint().kind() == Hint.Kind.LIST_TRACES_OFFLINE);
        return onlyUnknownIds ? ExitCode.USAGE : ExitCode.FAILED;
    }
}
