package org.phasic.traces.adapter.ipfs.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for tier selection.
 *
 * @param explicitApi  an API address from configuration or a flag (multiaddr or URL), if any
 * @param autoStart    whether tier selection may start a daemon ({@code ipfs.autoStart})
 * @param logDirectory where the started daemon's log, pid file and start lock go (in our home)
 * @param probeTimeout how long one {@code version}/{@code id} probe may take
 * @param startTimeout how long {@code ipfs init} plus daemon start-up may take in total
 */
public record DaemonSettings(Optional<String> explicitApi, boolean autoStart, Path logDirectory, Duration probeTimeout,
                             Duration startTimeout) {

    public DaemonSettings {
        Objects.requireNonNull(explicitApi, "explicitApi");
        Objects.requireNonNull(logDirectory, "logDirectory");
        requirePositive(probeTimeout, "probeTimeout");
        requirePositive(startTimeout, "startTimeout");
    }

    /** No explicit address, auto-start on, 2 s probes, 60 s to start. */
    public static DaemonSettings defaults(Path logDirectory) {
        return new DaemonSettings(Optional.empty(), true, logDirectory, Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    public DaemonSettings withExplicitApi(String address) {
        return new DaemonSettings(Optional.of(address), autoStart, logDirectory, probeTimeout, startTimeout);
    }

    public DaemonSettings withAutoStart(boolean newAutoStart) {
        return new DaemonSettings(explicitApi, newAutoStart, logDirectory, probeTimeout, startTimeout);
    }

    public DaemonSettings withStartTimeout(Duration newStartTimeout) {
        return new DaemonSettings(explicitApi, autoStart, logDirectory, probeTimeout, newStartTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
