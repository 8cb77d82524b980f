package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phasic.traces.ports.in.TransferProgress;

/** When a command on C1 alone stops to be run again with the optimizing compiler, and with which JVM options. */
class BulkRelaunchTest {
    private static final List<String> LAUNCHED = List.of("-Xshare:auto", "-Duser.home=/home/u", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "-XX:+UseSerialGC");
    private static final List<String> JIT = List.of("-XX:CompileCommand=quiet", "-XX:CompileThresholdScaling=0.5");

    private final AtomicInteger optionReads = new AtomicInteger();

    private BulkRelaunch check(long threshold, List<String> current) {
        return new BulkRelaunch(threshold, JIT, () -> {
            optionReads.incrementAndGet();
            return current;
        }, false);
    }

    @Test
    void anArmedThreadStopsOnceItsExpectedBytesReachTheSize() {
        BulkRelaunch check = check(100, LAUNCHED);
        check.arm();
        check.expect(60);
        assertThat(optionReads).hasValue(0);
        assertThatThrownBy(() -> check.expect(40)).isInstanceOfSatisfying(BulkRelaunch.Needed.class,
                needed -> assertThat(needed.bytes()).isEqualTo(100));
        check.expect(1_000);
    }

    @Test
    void nothingStopsBeforeArmingOrOnAnotherThread() {
        BulkRelaunch check = check(10, LAUNCHED);
        check.expect(1_000);
        check.arm();
        CompletableFuture.runAsync(() -> check.expect(1_000)).join();
        assertThat(optionReads).hasValue(0);
        assertThatThrownBy(() -> check.expect(10)).isInstanceOf(BulkRelaunch.Needed.class);
    }

    @Test
    void aJvmThatAlreadyRunsMoreThanC1CarriesOn() {
        List<String> userChoseC2 = new ArrayList<>(LAUNCHED);
        userChoseC2.add("-XX:TieredStopAtLevel=4");
        BulkRelaunch check = check(10, userChoseC2);
        check.arm();
        assertThatCode(() -> check.expect(1_000)).doesNotThrowAnyException();
        assertThat(optionReads).hasValue(1);
    }

    @Test
    void theLaunchersVariablesTurnItOn() {
        BulkRelaunch off = BulkRelaunch.of(Map.of(), false);
        off.arm();
        off.expect(Long.MAX_VALUE);
        for (String bytes : List.of("0", "-5", "many", "")) {
            BulkRelaunch bad = BulkRelaunch.of(Map.of(BulkRelaunch.BYTES_VARIABLE, bytes, BulkRelaunch.JIT_VARIABLE, "-Xint"), false);
            bad.arm();
            assertThatCode(() -> bad.expect(Long.MAX_VALUE)).as(bytes).doesNotThrowAnyException();
        }
        BulkRelaunch noOptions = BulkRelaunch.of(Map.of(BulkRelaunch.BYTES_VARIABLE, "1", BulkRelaunch.JIT_VARIABLE, " "), false);
        noOptions.arm();
        assertThatCode(() -> noOptions.expect(Long.MAX_VALUE)).doesNotThrowAnyException();
    }

    @Test
    void sizesAddUpWithoutOverflowing() {
        BulkRelaunch check = check(Long.MAX_VALUE - 1, LAUNCHED);
        check.arm();
        check.expect(Long.MAX_VALUE / 2);
        assertThatThrownBy(() -> check.expect(Long.MAX_VALUE)).isInstanceOf(BulkRelaunch.Needed.class);
    }

    @Test
    void theRelaunchedJvmTakesTheJitOptionsInPlaceOfC1() {
        assertThat(BulkRelaunch.relaunchOptions(LAUNCHED, JIT)).contains(List.of("-Xshare:auto", "-Duser.home=/home/u",
                "-XX:CompileCommand=quiet", "-XX:CompileThresholdScaling=0.5", "-XX:-UsePerfData", "-XX:+UseSerialGC"));
        assertThat(BulkRelaunch.relaunchOptions(List.of("-Xmx64m"), JIT)).isEmpty();
        assertThat(BulkRelaunch.relaunchOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=1"), JIT)).isEmpty();
        assertThat(BulkRelaunch.relaunchOptions(List.of("-XX:TieredStopAtLevel=3"), JIT)).isEmpty();
    }

    @Test
    void theWatchedProgressTellsTheCheckAndPassesEveryEventOn() {
        List<String> events = new ArrayList<>();
        TransferProgress recording = new TransferProgress() {
            @Override
            public void started(String source, String what) {
                events.add("started " + source + " " + what);
            }

            @Override
            public void bytesReceived(String source, long count) {
                events.add("bytes " + source + " " + count);
            }

            @Override
            public void blockReceived(String source, int size) {
                events.add("block " + source + " " + size);
            }

            @Override
            public void finished(String source, String what, Outcome outcome) {
                events.add("finished " + source + " " + what + " " + outcome);
            }

            @Override
            public void expecting(String what, long bytes) {
                events.add("expecting " + what + " " + bytes);
            }

            @Override
            public void verifying(String what, long bytes) {
                events.add("verifying " + what + " " + bytes);
            }

            @Override
            public void verified(String what) {
                events.add("verified " + what);
            }
        };
        BulkRelaunch check = check(100, LAUNCHED);
        TransferProgress watched = check.watching(recording);
        check.arm();
        watched.expecting("small", 10);
        watched.started("g", "small");
        watched.bytesReceived("g", 5);
        watched.blockReceived("g", 5);
        watched.verifying("small", 10);
        watched.verified("small");
        watched.finished("g", "small", TransferProgress.Outcome.VERIFIED);
        assertThatThrownBy(() -> watched.expecting("big", 90)).isInstanceOf(BulkRelaunch.Needed.class);
        assertThat(events).containsExactly("expecting small 10", "started g small", "bytes g 5", "block g 5",
                "verifying small 10", "verified small", "finished g small VERIFIED");
    }

    @Test
    void aRelaunchIsFoundInTheCauseChain() {
        BulkRelaunch.Needed needed = new BulkRelaunch.Needed(1, LAUNCHED, true);
        assertThat(BulkRelaunch.in(new IllegalStateException("wrapped", needed))).containsSame(needed);
        assertThat(BulkRelaunch.in(new IllegalStateException("other"))).isEmpty();
    }
}
