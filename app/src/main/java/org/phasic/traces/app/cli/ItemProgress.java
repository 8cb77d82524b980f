package org.phasic.traces.app.cli;

import java.util.Objects;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.phasic.traces.ports.in.BatchItem;

/**
 * Progress over a batch of items finishing on worker threads: a progress bar on a console, otherwise one note per
 * finished item ({@code [3/10] <line>}); nothing with {@code --quiet} beyond what notes print anyway.
 */
final class ItemProgress implements BatchItem.Listener, AutoCloseable {
    private final CliContext context;
    private final String task;
    private final Function<BatchItem, String> line;
    private int total;
    private ProgressBar bar;
    private int finished;

    /** @param line what to say about a finished item, e.g. {@code id: ok} */
    ItemProgress(CliContext context, String task, Function<BatchItem, String> line) {
        this.context = Objects.requireNonNull(context, "context");
        this.task = Objects.requireNonNull(task, "task");
        this.line = Objects.requireNonNull(line, "line");
    }

    @Override
    public synchronized void started(int items) {
        total = items;
        if (Terminals.stderr() && !context.quiet() && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .continuousUpdate().build();
        }
    }

    @Override
    public synchronized void finished(BatchItem item) {
        finished++;
        if (bar != null) {
            bar.step();
        } else {
            context.note("[" + finished + "/" + total + "] " + line.apply(item));
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
