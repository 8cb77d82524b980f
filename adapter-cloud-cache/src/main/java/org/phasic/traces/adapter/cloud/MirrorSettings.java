package org.phasic.traces.adapter.cloud;

import java.util.List;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * What every private mirror shares, whatever its backend.
 *
 * @param jobs      parallel transfers of {@code cache push} and {@code cache pull}
 * @param writeBack copy traces fetched from other sources into the mirror
 */
public record MirrorSettings(int jobs, boolean writeBack) {
    /** Key of {@link #jobs()}. */
    public static final String JOBS = "cache.jobs";
    /** Key of {@link #writeBack()}. */
    public static final String WRITE_BACK = "cache.writeBack";

    /** Four transfers, no write-back. */
    public static final MirrorSettings DEFAULTS = new MirrorSettings(4, false);

    public MirrorSettings {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be positive: " + jobs);
        }
    }

    /** One list for every profile that declares the keys (s3 and gcs), so the catalogue finds the same keys twice. */
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.integer(JOBS, DEFAULTS.jobs(), "parallel transfers of cache push and pull")
                    .withCheck(ConfigKey.Check.range(1, 64)),
            ConfigKey.bool(WRITE_BACK, DEFAULTS.writeBack(),
                    "copy traces fetched from other sources into the private mirror (profiles s3, gcs)"));

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return KEYS;
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static MirrorSettings from(Settings settings) {
        return new MirrorSettings(settings.integer(JOBS), settings.flag(WRITE_BACK));
    }
}
