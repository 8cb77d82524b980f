package org.phasic.traces.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.application.FetchSettings;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * The settings of the application itself, whatever the profiles.
 *
 * @param offline     no network at all
 * @param lockWait    how long to wait for another process fetching the same trace
 * @param installJobs parallel downloads of {@code install}
 */
public record CoreSettings(boolean offline, Duration lockWait, int installJobs) {
    /** Key of {@link #offline()}. */
    public static final String OFFLINE = "offline";
    /** Key of {@link #lockWait()}. */
    public static final String STORE_LOCK_WAIT = "store.lockWait";
    /** Key of {@link #installJobs()}. */
    public static final String INSTALL_JOBS = "install.jobs";

    /** Online, {@link FetchSettings#DEFAULTS}' lock wait, sixteen downloads (they overlap network latency and fsyncs). */
    public static final CoreSettings DEFAULTS = new CoreSettings(FetchSettings.DEFAULTS.offline(),
            FetchSettings.DEFAULTS.lockWait(), 16);

    public CoreSettings {
        Objects.requireNonNull(lockWait, "lockWait");
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.bool(OFFLINE, DEFAULTS.offline(), "no network at all: local store and bundled library only"),
                ConfigKey.duration(STORE_LOCK_WAIT, DEFAULTS.lockWait(),
                        "how long to wait for another process fetching the same trace"),
                ConfigKey.integer(INSTALL_JOBS, DEFAULTS.installJobs(), "parallel downloads for install"));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static CoreSettings from(Settings settings) {
        return new CoreSettings(settings.flag(OFFLINE), settings.duration(STORE_LOCK_WAIT), settings.integer(INSTALL_JOBS));
    }

    /** The fetch chain's settings: these, with {@link FetchSettings#DEFAULTS}' file size limit. */
    public FetchSettings fetch() {
        return new FetchSettings(offline, lockWait, FetchSettings.DEFAULTS.maxFileBytes());
    }
}
