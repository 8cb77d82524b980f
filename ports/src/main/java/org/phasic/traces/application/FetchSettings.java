package org.phasic.traces.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fetch chain behaves.
 *
 * @param offline        no network sources at all
 * @param lockWait       how long to wait for another process fetching the same trace before fetching anyway
 * @param maxFileBytes   the largest file accepted from any source
 * @param maxExtraFiles  the most files besides {@code trace.json.gz} and {@code metadata.json} kept of a trace directory
 *                       (its {@code checksum.sha256}, code files); a directory with more keeps only those two
 * @param maxExtraBytes  the most bytes those extra files may hold together, as the directory declares them (their DAG
 *                       sizes, a little above the file sizes) and as they arrive; a directory with more keeps only the two
 */
public record FetchSettings(boolean offline, Duration lockWait, long maxFileBytes, int maxExtraFiles, long maxExtraBytes) {
    /** The default of {@link #maxExtraFiles()}: room for a checksum and a handful of code files. */
    public static final int DEFAULT_MAX_EXTRA_FILES = 32;
    /** The default of {@link #maxExtraBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_EXTRA_BYTES = 64L << 20;

    /** Defaults: online, 30 s lock wait, 1 GiB files, {@value #DEFAULT_MAX_EXTRA_FILES} extra files of up to 64 MiB. */
    public static final FetchSettings DEFAULTS = new FetchSettings(false, Duration.ofSeconds(30), 1L << 30);

    public FetchSettings {
        Objects.requireNonNull(lockWait, "lockWait");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
        if (maxExtraFiles < 0 || maxExtraBytes < 0) {
            throw new IllegalArgumentException("maxExtraFiles and maxExtraBytes must not be negative");
        }
    }

    /** These settings with the default bounds on extra files. */
    public FetchSettings(boolean offline, Duration lockWait, long maxFileBytes) {
        this(offline, lockWait, maxFileBytes, DEFAULT_MAX_EXTRA_FILES, DEFAULT_MAX_EXTRA_BYTES);
    }

    /** These settings with the network sources allowed. */
    public FetchSettings online() {
        return new FetchSettings(false, lockWait, maxFileBytes, maxExtraFiles, maxExtraBytes);
    }

    /** These settings keeping at most {@code files} extra files of {@code bytes} together. */
    public FetchSettings withExtraFiles(int files, long bytes) {
        return new FetchSettings(offline, lockWait, maxFileBytes, files, bytes);
    }
}
