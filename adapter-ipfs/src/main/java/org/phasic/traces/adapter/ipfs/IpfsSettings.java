package org.phasic.traces.adapter.ipfs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.InvalidSettingsException;
import org.phasic.traces.spi.Settings;

/**
 * Where the local IPFS (Kubo) daemon is and how it is used, for profile {@code daemon} and for publishing.
 *
 * @param api          the RPC API as a multiaddr or URL; empty to discover it ({@code IPFS_API}, the repo's api file)
 * @param repoPath     the IPFS repository folder; empty for {@code IPFS_PATH} or {@code ~/.ipfs}
 * @param autoStart    start a daemon when none answers and {@code ipfs} is installed
 * @param callTimeout  the deadline of each content or status call
 * @param startTimeout how long an auto-started daemon may take to get ready
 */
public record IpfsSettings(Optional<String> api, Optional<String> repoPath, boolean autoStart, Duration callTimeout,
                           Duration startTimeout) {
    /** Key of {@link #api()}. */
    public static final String API = "ipfs.api";
    /** Key of {@link #repoPath()}. */
    public static final String PATH = "ipfs.path";
    /** Key of {@link #autoStart()}. */
    public static final String AUTO_START = "ipfs.autoStart";
    /** Key of {@link #callTimeout()}. */
    public static final String TIMEOUT = "ipfs.timeout";
    /** Key of {@link #startTimeout()}. */
    public static final String START_TIMEOUT = "ipfs.startTimeout";

    /** Discovered address and repository, auto-start on, 30 s per call, 60 s to start. */
    public static final IpfsSettings DEFAULTS = new IpfsSettings(Optional.empty(), Optional.empty(), true,
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    public IpfsSettings {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(repoPath, "repoPath");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of(API, ConfigKey.Type.STRING, null,
                        "IPFS (Kubo) RPC API, multiaddr or URL (profile daemon; default IPFS_API, the repo's api file, port 5001)")
                        .withCheck(ConfigKey.Check.by(address -> ApiAddress.parse(address, ApiAddress.Source.EXPLICIT),
                                "a multiaddr such as /ip4/127.0.0.1/tcp/5001 or a URL such as http://127.0.0.1:5001")),
                ConfigKey.of(PATH, ConfigKey.Type.STRING, null, "IPFS repository folder (default IPFS_PATH or ~/.ipfs)"),
                ConfigKey.bool(AUTO_START, DEFAULTS.autoStart(),
                        "start a local IPFS daemon when none answers and the ipfs command is installed"),
                ConfigKey.duration(TIMEOUT, DEFAULTS.callTimeout(),
                        "deadline of each IPFS API call (the daemon waits this long for content it cannot find)")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(START_TIMEOUT, DEFAULTS.startTimeout(), "how long an auto-started IPFS daemon may take to get ready")
                        .withCheck(ConfigKey.Check.positiveDuration()));
    }

    /**
     * What {@code settings} say for the {@link #keys()}.
     *
     * @throws InvalidSettingsException when {@code ipfs.api} is malformed
     */
    public static IpfsSettings from(Settings settings) {
        Optional<String> api = settings.find(API);
        try {
            api.ifPresent(address -> ApiAddress.parse(address, ApiAddress.Source.EXPLICIT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("invalid " + API + ": " + e.getMessage(),
                    "use a multiaddr such as /ip4/127.0.0.1/tcp/5001 or a URL such as http://127.0.0.1:5001");
        }
        return new IpfsSettings(api, settings.find(PATH), settings.flag(AUTO_START), settings.duration(TIMEOUT),
                settings.duration(START_TIMEOUT));
    }
}
