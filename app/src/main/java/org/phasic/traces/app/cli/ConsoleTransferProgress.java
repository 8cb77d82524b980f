package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * One self-overwriting status line on the terminal while network sources transfer: bytes and blocks received so
 * far (not yet verified) and the sources in flight. Redrawn at most every {@value #REDRAW_MILLIS} ms; the line is
 * cleared when the last transfer ends, so results printed afterwards start on a clean line.
 */
final class ConsoleTransferProgress implements TransferProgress {
    static final long REDRAW_MILLIS = 100;

    private final PrintWriter terminal;
    private final LongSupplier clockMillis;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private int active;
    private long lastDrawn;
    private int drawnWidth;

    ConsoleTransferProgress(PrintWriter terminal, LongSupplier clockMillis) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public synchronized void started(String source, String what) {
        active++;
        draw("fetching " + what, true);
    }

    @Override
    public void bytesReceived(String source, long count) {
        bytes.addAndGet(count);
        redraw();
    }

    @Override
    public void blockReceived(String source, int size) {
        blocks.incrementAndGet();
        redraw();
    }

    @Override
    public synchronized void finished(String source, String what, Outcome outcome) {
        active = Math.max(0, active - 1);
        if (active == 0) {
            terminal.print("\r" + " ".repeat(drawnWidth) + "\r");
            terminal.flush();
            drawnWidth = 0;
        }
    }

    private synchronized void redraw() {
        if (active > 0) {
            draw("fetching", false);
        }
    }

    private void draw(String label, boolean force) {
        long now = clockMillis.getAsLong();
        if (!force && now - lastDrawn < REDRAW_MILLIS) {
            return;
        }
        lastDrawn = now;
        String line = String.format(Locale.ROOT, "%s: %s, %d block(s) from %d source(s)", label, size(bytes.get()), blocks.get(), active);
        terminal.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        terminal.flush();
        drawnWidth = line.length();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
