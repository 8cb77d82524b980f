package org.phasic.traces.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;

/**
 * Progress over a batch of items finishing on worker threads: on a terminal the status line on standard error
 * ({@link ConsoleTransferProgress}: items, bytes of the registry's sizes, rate, time left), otherwise one note per
 * finished item ({@code [3/10] <line>}); nothing with {@code --quiet} beyond what notes print anyway.
 */
final class ItemProgress implements BatchItem.Listener, AutoCloseable {
    private final CliContext context;
    private final String task;
    private final Function<BatchItem, String> line;
    private final Optional<ConsoleTransferProgress> console;
    private final Map<TraceId, Long> sizes = new LinkedHashMap<>();
    private int total;
    private int finished;
    private boolean drawing;

    /** @param line what to say about a finished item, e.g. {@code id: ok} */
    ItemProgress(CliContext context, String task, Function<BatchItem, String> line) {
        this.context = Objects.requireNonNull(context, "context");
        this.task = Objects.requireNonNull(task, "task");
        this.line = Objects.requireNonNull(line, "line");
        this.console = context.console();
    }

    @Override
    public synchronized void expectedBytes(TraceId id, long bytes) {
        sizes.put(id, bytes);
        context.bulkRelaunch().expect(bytes);
    }

    @Override
    public synchronized void started(int items) {
        total = items;
        if (console.isPresent() && total > 0) {
            drawing = true;
            console.get().batchStarted(task, total, sizes);
        }
    }

    @Override
    public synchronized void finished(BatchItem item) {
        finished++;
        if (drawing) {
            console.get().itemFinished(item.id());
        } else if (!context.quiet()) {
            context.note("[" + finished + "/" + total + "] " + line.apply(item));
        }
    }

    @Override
    public synchronized void close() {
        if (drawing) {
            drawing = false;
            console.get().batchFinished();
        }
    }
}
