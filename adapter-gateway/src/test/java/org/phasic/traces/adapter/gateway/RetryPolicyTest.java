package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void backoffDoublesPerRetryWithJitterAndIsCapped() {
        RetryPolicy low = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        RetryPolicy high = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999);

        assertThat(low.backoff(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(low.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(high.backoff(0)).isBetween(Duration.ofMillis(149), Duration.ofMillis(150));
        assertThat(high.backoff(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(low.backoff(40)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 12:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", NOW)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
    }
}
