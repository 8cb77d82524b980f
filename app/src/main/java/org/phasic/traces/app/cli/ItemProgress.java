package org.phasic.traces.app.cli;

import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress over a batch of items finishing on worker threads: a progress bar on a console, otherwise one note per
 * finished item ({@code [3/10] <line>}); nothing with {@code --quiet} beyond what notes print anyway.
 */
final class ItemProgress implements AutoCloseable {
    private final CliContext context;
    private final int total;
    private final ProgressBar bar;
    private int finished;

    ItemProgress(CliContext context, String task, int total) {
        this.context = Objects.requireNonNull(context, "context");
        this.total = total;
        this.bar = System.console() != null && !context.quiet() && total > 0
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .continuousUpdate().build()
                : null;
    }

    /** One more item finished; {@code line} says which and how. */
    synchronized void finished(String line) {
        finished++;
        if (bar != null) {
            bar.step();
        } else {
            context.note("[" + finished + "/" + total + "] " + line);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
