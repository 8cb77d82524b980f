package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.ByteSizes;
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
        assertThat(ByteSizes.binary(512)).isEqualTo("512 B");
        assertThat(ByteSizes.binary(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizes.binary(3L << 20)).isEqualTo("3.0 MiB");
    }

    @Test
    void withTheRegistrySizeAFetchShowsTheTotalTheRateAndTheTimeLeft() {
        progress.expecting("big_trace", 400 << 10);
        progress.started("https://gw", "Qm");
        now.addAndGet(1_000);
        progress.bytesReceived("https://gw", 100 << 10);

        assertThat(terminal.toString()).contains("fetching: 100.0 KiB of 400.0 KiB, 100.0 KiB/s, 3 s left, 0 block(s) from 1 source(s)");
    }

    @Test
    void aBatchShowsItemsAndBytesOfTheRegistrySizesWithRateAndTimeLeftThenClears() {
        TraceId small = TraceId.of("small_one");
        TraceId large = TraceId.of("large_one");
        progress.batchStarted("install", 2, Map.of(small, 1024L, large, 3072L));
        assertThat(terminal.toString()).contains("install: 0/2, 0 B of 4.0 KiB");

        now.addAndGet(2_000);
        progress.itemFinished(small);
        progress.started("https://gw", "Qm");
        now.addAndGet(ConsoleTransferProgress.REDRAW_MILLIS);
        progress.bytesReceived("https://gw", 10);
        assertThat(terminal.toString()).contains("install: 1/2, 1.0 KiB of 4.0 KiB").doesNotContain("fetching");

        progress.finished("https://gw", "Qm", Outcome.VERIFIED);
        progress.itemFinished(large);
        assertThat(terminal.toString()).contains("install: 2/2, 4.0 KiB of 4.0 KiB");
        progress.batchFinished();
        assertThat(terminal.toString()).matches("(?s).*\r +\r");
    }

    @Test
    void aLargeFileGetsALineWhileItIsVerifiedASmallOneDoesNot() {
        progress.verifying("tiny/trace.json.gz", 900);
        progress.verified("tiny/trace.json.gz");
        assertThat(terminal.toString()).isEmpty();

        progress.verifying("big/trace.json.gz", ConsoleTransferProgress.VERIFY_LINE_BYTES + 1024);
        assertThat(terminal.toString()).contains("verifying big/trace.json.gz (257.0 KiB)");
        progress.verified("big/trace.json.gz");
        assertThat(terminal.toString()).matches("(?s).*\r +\r");
    }

    @Test
    void theTimeLeftIsComputedFromTheRateSoFar() {
        assertThat(ConsoleTransferProgress.rateAndEta(0, 100, 1_000)).isEmpty();
        assertThat(ConsoleTransferProgress.rateAndEta(1 << 20, 5 << 20, 2_000)).isEqualTo(", 512.0 KiB/s, 8 s left");
        assertThat(ConsoleTransferProgress.rateAndEta(1024, 200 * 1024, 1_000)).isEqualTo(", 1.0 KiB/s, 3 min 19 s left");
    }
}
