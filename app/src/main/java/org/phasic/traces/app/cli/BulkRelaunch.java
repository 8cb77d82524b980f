package org.phasic.traces.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.phasic.traces.domain.text.ByteSizes;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * Runs {@code get} or {@code install} again in a JVM with the optimizing compiler when, started on C1 alone (as the
 * launcher starts short commands), it is about to fetch and verify a lot of content. C1 has no SHA-256 intrinsic: it
 * hashes at about a tenth of C2's speed, so above a hundred MiB or so a second JVM start costs far less than the hashing.
 *
 * <p>The launcher turns this on with {@value #JIT_VARIABLE}: the JVM options, separated by spaces, that replace
 * {@code -XX:TieredStopAtLevel=1} in the JVM to go on in. A command arms the check on its own thread ({@link #arm},
 * with the {@code relaunch.bytes} setting) before it calls its use case; the sizes the registry gives for what it is
 * about to fetch ({@link #expect}) then add up, and reaching the size throws {@link Needed} before anything is fetched,
 * locked or staged, unless this JVM already runs with more than C1 (options given after the launcher's, for example).
 * {@link Main} catches it, starts the same command line in a JVM with those options (standard streams inherited, the
 * variable removed so that it never relaunches again) and exits with its exit code.
 */
final class BulkRelaunch {
    /** The JVM options, separated by spaces, that take the place of {@link #C1_ONLY} in the relaunched JVM. */
    static final String JIT_VARIABLE = "PHASIC_TRACES_RELAUNCH_JIT";
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String TIERED_STOP = "-XX:TieredStopAtLevel=";

    private final List<String> jitOptions;
    private final Supplier<List<String>> currentOptions;
    private final boolean quiet;
    private Thread armed;
    private long threshold;
    private long expected;

    /**
     * @param jitOptions     the options that take the place of {@link #C1_ONLY}; none turns the check off
     * @param currentOptions this JVM's options (read only when the size is reached)
     */
    BulkRelaunch(List<String> jitOptions, Supplier<List<String>> currentOptions, boolean quiet) {
        this.jitOptions = List.copyOf(jitOptions);
        this.currentOptions = Objects.requireNonNull(currentOptions, "currentOptions");
        this.quiet = quiet;
    }

    /** The check the launcher's {@value #JIT_VARIABLE} in {@code environment} asks for; one that is off without it. */
    static BulkRelaunch of(Map<String, String> environment, boolean quiet) {
        String options = environment.getOrDefault(JIT_VARIABLE, "").strip();
        return new BulkRelaunch(options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")),
                () -> ManagementFactory.getRuntimeMXBean().getInputArguments(), quiet);
    }

    /** Whether the launcher turned the check on (else {@link #arm} has no effect and needs no size). */
    boolean available() {
        return !jitOptions.isEmpty();
    }

    /**
     * Counts what the calling thread is about to fetch from now on (other threads' fetches never relaunch).
     *
     * @param bytes the size from which to relaunch; 0 never
     */
    synchronized void arm(long bytes) {
        armed = available() && bytes > 0 ? Thread.currentThread() : null;
        threshold = bytes;
        expected = 0;
    }

    /**
     * The calling thread is about to fetch and verify {@code bytes} more bytes.
     *
     * @throws Needed when this is the armed thread, its bytes reached the size and this JVM runs on C1 alone
     */
    synchronized void expect(long bytes) {
        if (Thread.currentThread() != armed || bytes <= 0) {
            return;
        }
        expected = bytes > Long.MAX_VALUE - expected ? Long.MAX_VALUE : expected + bytes;
        if (expected >= threshold) {
            armed = null;
            Optional<List<String>> options = relaunchOptions(currentOptions.get(), jitOptions);
            if (options.isPresent()) {
                throw new Needed(expected, options.get(), quiet);
            }
        }
    }

    /** {@code progress}, telling this check what each fetch expects before passing the event on. */
    TransferProgress watching(TransferProgress progress) {
        Objects.requireNonNull(progress, "progress");
        return new TransferProgress() {
            @Override
            public void expecting(String what, long bytes) {
                expect(bytes);
                progress.expecting(what, bytes);
            }

            @Override
            public void started(String source, String what) {
                progress.started(source, what);
            }

            @Override
            public void bytesReceived(String source, long count) {
                progress.bytesReceived(source, count);
            }

            @Override
            public void blockReceived(String source, int size) {
                progress.blockReceived(source, size);
            }

            @Override
            public void finished(String source, String what, Outcome outcome) {
                progress.finished(source, what, outcome);
            }

            @Override
            public void verifying(String what, long bytes) {
                progress.verifying(what, bytes);
            }

            @Override
            public void verified(String what) {
                progress.verified(what);
            }
        };
    }

    /** The relaunch a failure asks for, if it is (or was caused by) one. */
    static Optional<Needed> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Needed needed) {
                return Optional.of(needed);
            }
        }
        return Optional.empty();
    }

    /**
     * The JVM options of the relaunched JVM: {@code current} with the one {@link #C1_ONLY} replaced by {@code jit}
     * (in its place, so options given after it still win); empty when {@code current} does not run on C1 alone by
     * exactly one such option.
     */
    static Optional<List<String>> relaunchOptions(List<String> current, List<String> jit) {
        List<String> levels = current.stream().filter(option -> option.startsWith(TIERED_STOP)).toList();
        if (!levels.equals(List.of(C1_ONLY))) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        for (String option : current) {
            if (option.equals(C1_ONLY)) {
                options.addAll(jit);
            } else {
                options.add(option);
            }
        }
        return Optional.of(options);
    }

    /** A command reached the size: it stopped before fetching, to be run again in a JVM with the optimizing compiler. */
    static final class Needed extends RuntimeException {
        private final long bytes;
        private final List<String> jvmOptions;
        private final boolean quiet;

        /** @param jvmOptions the options of the JVM to run the command in */
        Needed(long bytes, List<String> jvmOptions, boolean quiet) {
            super("about to verify " + bytes + " bytes on C1 alone; to be run again with the optimizing compiler", null,
                    false, false);
            this.bytes = bytes;
            this.jvmOptions = List.copyOf(jvmOptions);
            this.quiet = quiet;
        }

        long bytes() {
            return bytes;
        }

        /**
         * Runs {@code args} again in a JVM with the optimizing compiler and waits for it; tells the user unless quiet.
         *
         * @return its exit code (that of a failure, after reporting why, when it cannot start)
         */
        int relaunch(String[] args, PrintWriter err) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(Arrays.asList(args));
            if (!quiet) {
                err.println(ByteSizes.binary(bytes) + " to fetch and verify: continuing in a JVM with the optimizing compiler"
                        + " (hashes several times faster)");
            }
            err.flush();
            System.out.flush();
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().remove(JIT_VARIABLE);
            Process child;
            try {
                child = builder.start();
            } catch (IOException e) {
                Main.report(err, "could not start a JVM to continue in: " + e.getMessage(),
                        "set PHASIC_TRACES_JAVA_OPTS=-XX:TieredStopAtLevel=4 to run large fetches in one JVM");
                return ExitCode.FAILED;
            }
            Thread stopChild = new Thread(() -> stop(child), "phasic-traces relaunch stop");
            Runtime.getRuntime().addShutdownHook(stopChild);
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(child);
                return ExitCode.FAILED;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs (or ran) and stops the child
                }
            }
        }

        /** Asks the child to end, as this process was asked to, and gives it time to clean up. */
        private static void stop(Process child) {
            if (!child.isAlive()) {
                return;
            }
            child.destroy();
            try {
                child.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
