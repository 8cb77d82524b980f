package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.ByteSizes;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * The one self-overwriting status line on the terminal (standard error), redrawn at most every {@value #REDRAW_MILLIS}
 * ms and cleared when the work it shows ends, so results printed afterwards start on a clean line:
 * <ul>
 *   <li>while network sources transfer: the bytes and blocks received so far (not yet verified) and the sources in
 *       flight; with the registry's size of what is fetched also the total, the rate and the time left;</li>
 *   <li>while a batch runs ({@link #batchStarted}): items done, bytes done of the batch's total (the registry's sizes
 *       of the finished items), the rate and the time left;</li>
 *   <li>while a file of at least {@value #VERIFY_LINE_BYTES} bytes is verified: which one and its size.</li>
 * </ul>
 */
final class ConsoleTransferProgress implements TransferProgress {
    static final long REDRAW_MILLIS = 100;
    /** Files at least this large get a line while they are verified. */
    static final long VERIFY_LINE_BYTES = 256 << 10;

    private final PrintWriter terminal;
    private final LongSupplier clockMillis;
    private int active;
    private long bytes;
    private long blocks;
    private long expected;
    private long transferStart;
    private String verifying;
    private long verifyingBytes;
    private Batch batch;
    private long lastDrawn;
    private int drawnWidth;

    /** A batch in progress: items and the registry's sizes of the items. */
    private static final class Batch {
        final String task;
        final Map<TraceId, Long> sizes;
        final long totalBytes;
        final int total;
        final long start;
        int done;
        long doneBytes;

        Batch(String task, int total, Map<TraceId, Long> sizes, long start) {
            this.task = task;
            this.total = total;
            this.sizes = sizes;
            this.totalBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
            this.start = start;
        }
    }

    ConsoleTransferProgress(PrintWriter terminal, LongSupplier clockMillis) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public synchronized void started(String source, String what) {
        if (active++ == 0) {
            transferStart = clockMillis.getAsLong();
        }
        draw(batch == null ? "fetching " + what : null, batch == null);
    }

    @Override
    public synchronized void bytesReceived(String source, long count) {
        bytes += count;
        draw(null, false);
    }

    @Override
    public synchronized void blockReceived(String source, int size) {
        blocks++;
        draw(null, false);
    }

    @Override
    public synchronized void expecting(String what, long count) {
        if (batch == null && count > 0) {
            expected += count;
        }
    }

    @Override
    public synchronized void finished(String source, String what, Outcome outcome) {
        active = Math.max(0, active - 1);
        if (active == 0 && batch == null) {
            bytes = 0;
            blocks = 0;
            expected = 0;
            clear();
        }
    }

    @Override
    public synchronized void verifying(String what, long size) {
        if (size >= VERIFY_LINE_BYTES) {
            verifying = what;
            verifyingBytes = size;
            draw(null, true);
        }
    }

    @Override
    public synchronized void verified(String what) {
        if (what.equals(verifying)) {
            verifying = null;
            if (batch == null && active == 0) {
                clear();
            } else {
                draw(null, true);
            }
        }
    }

    /** A batch of {@code total} items starts; {@code sizes} are the registry's sizes of those it knows. */
    synchronized void batchStarted(String task, int total, Map<TraceId, Long> sizes) {
        batch = new Batch(task, total, new HashMap<>(sizes), clockMillis.getAsLong());
        draw(null, true);
    }

    /** Item {@code id} of the batch finished (done, skipped or failed). */
    synchronized void itemFinished(TraceId id) {
        if (batch != null) {
            batch.done++;
            batch.doneBytes += batch.sizes.getOrDefault(id, 0L);
            draw(null, batch.done == batch.total);
        }
    }

    /** The batch ended: its line is cleared. */
    synchronized void batchFinished() {
        batch = null;
        bytes = 0;
        blocks = 0;
        clear();
    }

    private void clear() {
        if (drawnWidth > 0) {
            terminal.print("\r" + " ".repeat(drawnWidth) + "\r");
            terminal.flush();
            drawnWidth = 0;
        }
    }

    private void draw(String label, boolean force) {
        long now = clockMillis.getAsLong();
        if (!force && now - lastDrawn < REDRAW_MILLIS) {
            return;
        }
        String line = line(label, now);
        if (line == null) {
            return;
        }
        lastDrawn = now;
        terminal.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        terminal.flush();
        drawnWidth = line.length();
    }

    private String line(String label, long now) {
        String verifyingText = verifying == null ? "" : "verifying " + verifying + " (" + ByteSizes.binary(verifyingBytes) + ")";
        if (batch != null) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d/%d", batch.task, batch.done, batch.total));
            if (batch.totalBytes > 0) {
                line.append(", ").append(ByteSizes.binary(batch.doneBytes)).append(" of ").append(ByteSizes.binary(batch.totalBytes))
                        .append(rateAndEta(batch.doneBytes, batch.totalBytes, now - batch.start));
            }
            return verifyingText.isEmpty() ? line.toString() : line + ", " + verifyingText;
        }
        if (!verifyingText.isEmpty() && active == 0) {
            return verifyingText;
        }
        if (active == 0) {
            return null;
        }
        String head = label != null ? label : "fetching";
        if (expected <= 0) {
            return String.format(Locale.ROOT, "%s: %s, %d block(s) from %d source(s)", head, ByteSizes.binary(bytes), blocks, active);
        }
        return String.format(Locale.ROOT, "%s: %s of %s%s, %d block(s) from %d source(s)", head, ByteSizes.binary(bytes), ByteSizes.binary(expected),
                rateAndEta(bytes, expected, now - transferStart), blocks, active);
    }

    /** {@code , 1.2 MiB/s, 3 s left} once anything arrived, else nothing. */
    static String rateAndEta(long done, long total, long elapsedMillis) {
        if (done <= 0 || elapsedMillis <= 0) {
            return "";
        }
        double perSecond = done * 1000.0 / elapsedMillis;
        long left = (long) Math.ceil(Math.max(0, total - done) / perSecond);
        return ", " + ByteSizes.binary((long) perSecond) + "/s, " + (left < 60 ? left + " s" : left / 60 + " min " + left % 60 + " s") + " left";
    }
}
