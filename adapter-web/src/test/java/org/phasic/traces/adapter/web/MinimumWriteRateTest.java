package org.phasic.traces.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MinimumWriteRateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aResponseIsTooSlowOnlyBelowTheRateAndAfterTheGrace() {
        assertThat(MinimumWriteRate.tooSlow(0, SECOND / 2, 128)).as("within the grace").isFalse();
        assertThat(MinimumWriteRate.tooSlow(100, 2 * SECOND, 128)).isTrue();
        assertThat(MinimumWriteRate.tooSlow(256, 2 * SECOND, 128)).isFalse();
        assertThat(MinimumWriteRate.tooSlow(10_000, 100 * SECOND, 128)).isTrue();
    }

    @Test
    void manyGigabytesDoNotOverflowIntoTooSlow() {
        assertThat(MinimumWriteRate.tooSlow(20_000_000_000L, 10 * SECOND, 128)).isFalse();
        assertThat(MinimumWriteRate.tooSlow(Long.MAX_VALUE / 2, 3 * SECOND, Integer.MAX_VALUE)).isFalse();
        assertThat(MinimumWriteRate.tooSlow(1, 3_600 * SECOND, Integer.MAX_VALUE)).isTrue();
    }
}
