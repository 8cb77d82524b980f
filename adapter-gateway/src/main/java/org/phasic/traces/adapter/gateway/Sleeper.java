package org.phasic.traces.adapter.gateway;

import java.time.Duration;

/** Waits between retries; replaced by tests that record the waits instead. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
