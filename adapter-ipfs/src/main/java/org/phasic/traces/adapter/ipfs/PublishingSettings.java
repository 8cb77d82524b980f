package org.phasic.traces.adapter.ipfs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * How {@code publish} uses IPFS: the daemon's add + pin deadline and an optional remote pinning service.
 * {@link #toString()} never shows the token.
 *
 * @param ipfsTimeout  deadline of the daemon's add + pin
 * @param pinningUrl   an IPFS Pinning Service API endpoint asked to pin published traces, or empty
 * @param pinningToken the access token of {@code pinningUrl}, or empty
 */
public record PublishingSettings(Duration ipfsTimeout, Optional<String> pinningUrl, Optional<String> pinningToken) {
    /** Key of {@link #ipfsTimeout()}. */
    public static final String IPFS_TIMEOUT = "publish.ipfsTimeout";
    /** Key of {@link #pinningUrl()}. */
    public static final String PINNING_URL = "publish.pinningUrl";
    /** Key of {@link #pinningToken()}. */
    public static final String PINNING_TOKEN = "publish.pinningToken";
    /** The environment variable the pinning token is also read from. */
    public static final String PINNING_TOKEN_VARIABLE = "PINNING_SERVICE_TOKEN";

    /** 120 s for add + pin, no pinning service. */
    public static final PublishingSettings DEFAULTS = new PublishingSettings(Duration.ofSeconds(120), Optional.empty(),
            Optional.empty());

    public PublishingSettings {
        Objects.requireNonNull(ipfsTimeout, "ipfsTimeout");
        Objects.requireNonNull(pinningUrl, "pinningUrl");
        Objects.requireNonNull(pinningToken, "pinningToken");
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.duration(IPFS_TIMEOUT, DEFAULTS.ipfsTimeout(), "deadline of the daemon's add + pin when publishing"),
                ConfigKey.of(PINNING_URL, ConfigKey.Type.URL, null,
                        "IPFS Pinning Service API endpoint asked to pin published traces (optional)"),
                ConfigKey.secret(PINNING_TOKEN, "access token of publish.pinningUrl; never shown", PINNING_TOKEN_VARIABLE));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static PublishingSettings from(Settings settings) {
        return new PublishingSettings(settings.duration(IPFS_TIMEOUT), settings.find(PINNING_URL), settings.find(PINNING_TOKEN));
    }

    @Override
    public String toString() {
        return "PublishingSettings[ipfsTimeout=" + ipfsTimeout + ", pinningUrl=" + pinningUrl.orElse("")
                + ", pinningToken=" + (pinningToken.isPresent() ? "****" : "") + "]";
    }
}
