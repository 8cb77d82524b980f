package org.phasic.traces.adapter.github;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one HTTP client of this adapter.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection (short: an unreachable registry must not stall a command)
 * @param readTimeout    how long to wait for each read of the answer
 * @param callTimeout    the whole exchange, redirects included
 * @param maxBodyBytes   the largest answer body read
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxBodyBytes) {
    /** 3 s to connect, 30 s per read, 2 min per call, 16 MiB per body. */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(3), Duration.ofSeconds(30),
            Duration.ofMinutes(2), JacksonRegistryCodec.DEFAULT_MAX_BYTES);

    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    public HttpSettings withConnectTimeout(Duration timeout) {
        return new HttpSettings(timeout, readTimeout, callTimeout, maxBodyBytes);
    }

    public HttpSettings withReadTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, callTimeout, maxBodyBytes);
    }

    public HttpSettings withMaxBodyBytes(long bytes) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, bytes);
    }

    /** A duration as people write it: 3s, 250ms, 2m. */
    static String show(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
