package org.phasic.traces.adapter.gateway;

import java.time.Duration;

/** Durations for messages. */
final class Durations {
    private Durations() {
    }

    /** {@code 1.5 s}, {@code 250 ms}. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
