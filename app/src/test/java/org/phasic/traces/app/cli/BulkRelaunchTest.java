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

    /** A check armed on this thread with {@code threshold}, in a JVM with {@code current} options. */
    private BulkRelaunch check(long threshold, List<String> current) {
        BulkRelaunch check = new BulkRelaunch(JIT, () -> {
            optionReads.incrementAndGet();
            return current;
        }, false);
        check.arm(threshold);
        return check;
    }

    @Test
    void anArmedThreadStopsOnceItsExpectedBytesReachTheSize() {
        BulkRelaunch check = check(100, LAUNCHED);
        check.expect(60);
        assertThat(optionReads).hasValue(0);
        assertThatThrownBy(() -> check.expect(40)).isInstanceOfSatisfying(BulkRelaunch.Needed.class,
                needed -> assertThat(needed.bytes()).isEqualTo(100));
        check.expect(1_000);
    }

    @Test
    void nothingStopsBeforeArmingOrOnAnotherThread() {
        BulkRelaunch check = new BulkRelaunch(JIT, () -> LAUNCHED, false);
        check.expect(1_000);
        check.arm(10);
        CompletableFuture.runAsync(() -> check.expect(1_000)).join();
        assertThatThrownBy(() -> check.expect(10)).isInstanceOf(BulkRelaunch.Needed.class);
    }

    @Test
    void aJvmThatAlreadyRunsMoreThanC1CarriesOn() {
        List<String> userChoseC2 = new ArrayList<>(LAUNCHED);
        userChoseC2.add("-XX:TieredStopAtLevel=4");
        BulkRelaunch check = check(10, userChoseC2);
        assertThatCode(() -> check.expect(1_000)).doesNotThrowAnyException();
        assertThat(optionReads).hasValue(1);
    }

    @Test
    void aSizeOfZeroNeverRelaunches() {
        BulkRelaunch check = check(0, LAUNCHED);
        assertThatCode(() -> check.expect(Long.MAX_VALUE)).doesNotThrowAnyException();
        assertThat(optionReads).hasValue(0);
    }

    @Test
    void onlyTheLaunchersVariableTurnsItOn() {
        assertThat(BulkRelaunch.of(Map.of(), false).available()).isFalse();
        assertThat(BulkRelaunch.of(Map.of(BulkRelaunch.JIT_VARIABLE, "  "), false).available()).isFalse();
        BulkRelaunch off = BulkRelaunch.of(Map.of(), false);
        off.arm(1);
        assertThatCode(() -> off.expect(Long.MAX_VALUE)).doesNotThrowAnyException();
        assertThat(BulkRelaunch.of(Map.of(BulkRelaunch.JIT_VARIABLE, "-XX:CompileCommand=quiet  -Xss2m"), false).available())
                .isTrue();
    }

    @Test
    void sizesAddUpWithoutOverflowing() {
        BulkRelaunch check = check(Long.MAX_VALUE - 1, LAUNCHED);
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
