package org.phasic.traces.adapter.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to retry a request: exponential backoff from a base delay, doubled per retry, with jitter (a factor in
 * [0.5, 1.5)), capped; a server's {@code Retry-After} replaces the backoff.
 */
final class RetryPolicy {
    private final int retries;
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1), for the jitter
     */
    RetryPolicy(int retries, Duration base, Duration max, DoubleSupplier random) {
        this.retries = retries;
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Retries allowed after the first try. */
    int retries() {
        return retries;
    }

    /** The longest wait, backoff or {@code Retry-After}. */
    Duration max() {
        return max;
    }

    /** The backoff before retry number {@code retry} (0 = the first retry). */
    Duration backoff(int retry) {
        double factor = Math.pow(2, Math.min(retry, 30)) * (0.5 + random.getAsDouble());
        long nanos = (long) Math.min(base.toNanos() * factor, max.toNanos());
        return Duration.ofNanos(nanos);
    }

    /**
     * Reads a {@code Retry-After} value: delay-seconds or an HTTP date (RFC 9110).
     *
     * @return the wait from {@code now}, never negative; empty for a missing or unreadable value
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
