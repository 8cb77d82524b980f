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
 * @param phasicCache when home is phasic's cache folder (the default), also copy each verified trace where phasic's
 *                    Python {@code get_trace} looks for it ({@code traces/<id>/trace.json.gz})
 * @param maxExtraFiles the most files of a trace directory the store keeps besides the trace and its metadata
 * @param maxExtraBytes the most bytes those files may hold together
 * @param relaunchBytes from how many bytes of content to fetch and verify {@code get} and {@code install}, when the
 *                      launcher runs them on C1 alone, go on in a JVM with the optimizing compiler; 0 never
 */
public record CoreSettings(boolean offline, Duration lockWait, int installJobs, boolean phasicCache, int maxExtraFiles,
                           long maxExtraBytes, long relaunchBytes) {
    /** Key of {@link #offline()}. */
    public static final String OFFLINE = "offline";
    /** Key of {@link #lockWait()}. */
    public static final String STORE_LOCK_WAIT = "store.lockWait";
    /** Key of {@link #installJobs()}. */
    public static final String INSTALL_JOBS = "install.jobs";
    /** Key of {@link #phasicCache()}. */
    public static final String PHASIC_CACHE = "phasic.cache";
    /** Key of {@link #maxExtraFiles()}. */
    public static final String STORE_MAX_EXTRA_FILES = "store.maxExtraFiles";
    /** Key of {@link #maxExtraBytes()}. */
    public static final String STORE_MAX_EXTRA_BYTES = "store.maxExtraBytes";
    /** Key of {@link #relaunchBytes()}. */
    public static final String RELAUNCH_BYTES = "relaunch.bytes";
    /** The fewest parallel downloads. */
    public static final int MIN_JOBS = 1;
    /** The most parallel downloads. */
    public static final int MAX_JOBS = 64;
    /** The largest value of the size keys: 1 TiB. */
    private static final long MAX_SIZE = 1L << 40;

    /** Online, {@link FetchSettings#DEFAULTS}' lock wait and extra-file bounds, sixteen downloads (they overlap network
     *  latency and fsyncs), copies into phasic's cache, a relaunch from 128 MiB (below that a second JVM's start costs
     *  more than hashing on C1). */
    public static final CoreSettings DEFAULTS = new CoreSettings(FetchSettings.DEFAULTS.offline(),
            FetchSettings.DEFAULTS.lockWait(), 16, true, FetchSettings.DEFAULTS.maxExtraFiles(),
            FetchSettings.DEFAULTS.maxExtraBytes(), 128L << 20);

    public CoreSettings {
        Objects.requireNonNull(lockWait, "lockWait");
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.bool(OFFLINE, DEFAULTS.offline(), "no network at all: local store and bundled library only"),
                ConfigKey.duration(STORE_LOCK_WAIT, DEFAULTS.lockWait(),
                        "how long to wait for another process fetching the same trace"),
                ConfigKey.integer(INSTALL_JOBS, DEFAULTS.installJobs(), "parallel downloads for install")
                        .withCheck(ConfigKey.Check.range(MIN_JOBS, MAX_JOBS)),
                ConfigKey.bool(PHASIC_CACHE, DEFAULTS.phasicCache(), "when home is phasic's cache folder (the default), get and"
                        + " install also copy each verified trace.json.gz to traces/<id>/ where phasic's get_trace finds it"),
                ConfigKey.integer(STORE_MAX_EXTRA_FILES, DEFAULTS.maxExtraFiles(), "the most files of a trace folder the store"
                        + " keeps besides trace.json.gz and metadata.json (checksum, code files); a folder with more keeps only those two")
                        .withCheck(ConfigKey.Check.range(0, 10_000)),
                ConfigKey.size(STORE_MAX_EXTRA_BYTES, DEFAULTS.maxExtraBytes(), "the most bytes of those extra files"
                        + " together; a folder with more keeps only trace.json.gz and metadata.json")
                        .withCheck(ConfigKey.Check.sizeRange(0, MAX_SIZE)),
                ConfigKey.size(RELAUNCH_BYTES, DEFAULTS.relaunchBytes(), "from this many bytes to fetch and verify, get and"
                        + " install as the launcher starts them (C1 compiler only) go on in a JVM with the optimizing compiler,"
                        + " whose SHA-256 is about ten times faster; 0 never")
                        .withCheck(ConfigKey.Check.sizeRange(0, MAX_SIZE)));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static CoreSettings from(Settings settings) {
        return new CoreSettings(settings.flag(OFFLINE), settings.duration(STORE_LOCK_WAIT), settings.integer(INSTALL_JOBS),
                settings.flag(PHASIC_CACHE), settings.integer(STORE_MAX_EXTRA_FILES), settings.size(STORE_MAX_EXTRA_BYTES),
                settings.size(RELAUNCH_BYTES));
    }

    /** The fetch chain's settings: these, with {@link FetchSettings#DEFAULTS}' file size limit. */
    public FetchSettings fetch() {
        return new FetchSettings(offline, lockWait, FetchSettings.DEFAULTS.maxFileBytes(), maxExtraFiles, maxExtraBytes);
    }
}
