package org.phasic.traces.adapter.gateway;

import java.time.Duration;

/** A point in monotonic time by which one fetch must be done. */
final class Deadline {
    private final long endNanos;
    private final Duration total;

    private Deadline(long endNanos, Duration total) {
        this.endNanos = endNanos;
        this.total = total;
    }

    static Deadline after(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    /** What is left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    Duration total() {
        return total;
    }

    /** The words for messages: {@code the deadline of 120 s}. */
    String describe() {
        return "the deadline of " + Durations.text(total);
    }
}
