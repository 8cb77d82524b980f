package org.phasic.traces.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fetch chain behaves.
 *
 * @param offline        no network sources at all
 * @param lockWait       how long to wait for another process fetching the same trace before fetching anyway
 * @param maxFileBytes   the largest file accepted from any source
 */
public record FetchSettings(boolean offline, Duration lockWait, long maxFileBytes) {
    /** Defaults: online, 30 s lock wait, 1 GiB files. */
    public static final FetchSettings DEFAULTS = new FetchSettings(false, Duration.ofSeconds(30), 1L << 30);

    public FetchSettings {
        Objects.requireNonNull(lockWait, "lockWait");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
    }
}
