package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phasic.traces.ports.in.TransferProgress.Outcome;

class ConsoleTransferProgressTest {
    private final StringWriter terminal = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000);
    private final ConsoleTransferProgress progress = new ConsoleTransferProgress(new PrintWriter(terminal), now::get);

    @Test
    void showsBytesAndBlocksAndRedrawsAtMostEveryHundredMilliseconds() {
        progress.started("https://gw", "Qm/trace.json.gz");
        progress.bytesReceived("https://gw", 2048);
        int afterStart = terminal.toString().length();
        now.addAndGet(ConsoleTransferProgress.REDRAW_MILLIS);
        progress.bytesReceived("https://gw", 1024);
        progress.blockReceived("https://gw", 3072);

        assertThat(terminal.toString().substring(0, afterStart)).contains("fetching Qm/trace.json.gz: 0 B, 0 block(s)");
        assertThat(terminal.toString()).contains("fetching: 3.0 KiB, 0 block(s) from 1 source(s)")
                .doesNotContain("1 block(s)");
    }

    @Test
    void clearsItsLineWhenTheLastTransferEnds() {
        progress.started("a", "x");
        progress.started("b", "x");
        progress.finished("a", "x", Outcome.CANCELLED);
        assertThat(terminal.toString()).doesNotEndWith("\r");

        progress.finished("b", "x", Outcome.VERIFIED);
        assertThat(terminal.toString()).endsWith("\r").matches("(?s).*\r +\r");
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(ConsoleTransferProgress.size(512)).isEqualTo("512 B");
        assertThat(ConsoleTransferProgress.size(1536)).isEqualTo("1.5 KiB");
        assertThat(ConsoleTransferProgress.size(3L << 20)).isEqualTo("3.0 MiB");
    }
}
