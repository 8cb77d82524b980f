package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
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
    void theWatchedProgressPassesEveryEventOn() throws Exception {
        List<String> events = new ArrayList<>();
        TransferProgress recording = (TransferProgress) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransferProgress.class}, (proxy, method, args) -> {
                    events.add(method.getName() + " " + Arrays.toString(args));
                    return null;
                });
        BulkRelaunch check = check(100, LAUNCHED);
        TransferProgress watched = check.watching(recording);
        check.arm();
        List<String> expected = new ArrayList<>();
        for (Method method : TransferProgress.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Object[] args = Arrays.stream(method.getParameterTypes()).map(BulkRelaunchTest::sample).toArray();
            method.invoke(watched, args);
            expected.add(method.getName() + " " + Arrays.toString(args));
        }
        assertThat(events).containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> watched.expecting("big", 90)).isInstanceOf(BulkRelaunch.Needed.class);
        assertThat(events).hasSize(expected.size());
    }

    private static Object sample(Class<?> type) {
        if (type == long.class) {
            return 10L;
        }
        if (type == int.class) {
            return 5;
        }
        if (type == TransferProgress.Outcome.class) {
            return TransferProgress.Outcome.VERIFIED;
        }
        return "gateway";
    }

    @Test
    void aRelaunchIsFoundInTheCauseChain() {
        BulkRelaunch.Needed needed = new BulkRelaunch.Needed(1, LAUNCHED, true);
        assertThat(BulkRelaunch.in(new IllegalStateException("wrapped", needed))).containsSame(needed);
        assertThat(BulkRelaunch.in(new IllegalStateException("other"))).isEmpty();
    }
}
