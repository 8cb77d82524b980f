package org.phasic.traces.adapter.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.InvalidSettingsException;
import org.phasic.traces.spi.Settings;

/**
 * How the gateway source behaves. Start from {@link #defaults(String)} and change what the configuration says
 * with {@link #toBuilder()}.
 *
 * @param gateways              tried in this order until the in-process record ranks them
 * @param connectTimeout        TCP/TLS connect timeout per request
 * @param readTimeout           longest silence while reading a response
 * @param deadline              overall time for one {@code open} (all gateways, retries and verification)
 * @param hedgeDelay            start the next gateway when the current one has sent no byte for this long
 * @param maxBytes              most bytes accepted for one {@code open} from one gateway (CAR, blocks or files)
 * @param retries               retries per request after a 429, a 5xx or a dropped connection (0 = none)
 * @param retryBaseDelay        first backoff; doubled per retry, with jitter
 * @param maxRetryDelay         longest backoff, and longest {@code Retry-After} honoured
 * @param maxConnectionsPerHost concurrent requests (so connections) per gateway host
 * @param userAgent             the User-Agent header, {@code phasic-traces/<version>}
 * @param importProfile         how the registry's content was imported; used to re-import deserialized bytes
 */
public record GatewaySettings(List<GatewayEndpoint> gateways, Duration connectTimeout, Duration readTimeout,
                              Duration deadline, Duration hedgeDelay, long maxBytes, int retries,
                              Duration retryBaseDelay, Duration maxRetryDelay, int maxConnectionsPerHost,
                              String userAgent, ImportProfile importProfile) {

    /** The public gateways used when none are configured. */
    public static final List<String> DEFAULT_GATEWAYS = List.of("https://ipfs.io", "https://dweb.link",
            "https://trustless-gateway.link");

    /**
     * Default of {@link #maxConnectionsPerHost()}: with fewer requests in flight than install's parallel jobs, the jobs
     * queue for the gateway and its latency is paid in series (measured in docs/benchmarks.md).
     */
    public static final int DEFAULT_REQUESTS_PER_HOST = 16;

    /** Key of {@link #gateways()}. */
    public static final String URLS = "gateway.urls";
    /** Key of {@link #connectTimeout()}. */
    public static final String CONNECT_TIMEOUT = "gateway.connectTimeout";
    /** Key of {@link #readTimeout()}. */
    public static final String READ_TIMEOUT = "gateway.readTimeout";
    /** Key of {@link #deadline()}. */
    public static final String DEADLINE = "gateway.deadline";
    /** Key of {@link #hedgeDelay()}. */
    public static final String HEDGE_DELAY = "gateway.hedgeDelay";
    /** Key of {@link #retries()}. */
    public static final String RETRIES = "gateway.retries";
    /** Key of {@link #maxBytes()}. */
    public static final String MAX_BYTES = "gateway.maxBytes";
    /** The largest {@link #MAX_BYTES} accepted: 1 TiB. */
    static final long MAX_BYTES_CEILING = 1L << 40;

    public GatewaySettings {
        gateways = List.copyOf(gateways);
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URL is needed");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(deadline, "deadline");
        requirePositive(retryBaseDelay, "retryBaseDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(hedgeDelay, "hedgeDelay");
        if (hedgeDelay.isNegative()) {
            throw new IllegalArgumentException("hedgeDelay must not be negative");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (retries < 0 || retries > 20) {
            throw new IllegalArgumentException("retries must be 0..20, got " + retries);
        }
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be positive");
        }
        if (Objects.requireNonNull(userAgent, "userAgent").isBlank()
                || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("invalid User-Agent '" + userAgent + "'");
        }
        Objects.requireNonNull(importProfile, "importProfile");
    }

    /**
     * The defaults: {@link #DEFAULT_GATEWAYS}; connect 10 s, read 30 s, deadline 120 s per fetch; hedge after
     * 1.5 s; 256 MiB per fetch; 3 retries from 250 ms up to 10 s;
     * {@value #DEFAULT_REQUESTS_PER_HOST} requests in flight per host (as many as {@code install} runs jobs by default;
     * over HTTP/2, which TLS gateways offer by ALPN, they share one connection); Kubo's import profile.
     *
     * @param version the tool's version, for the User-Agent
     */
    public static GatewaySettings defaults(String version) {
        return new GatewaySettings(parseUrls(String.join(",", DEFAULT_GATEWAYS)), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofMillis(1500), 256L << 20, 3,
                Duration.ofMillis(250), Duration.ofSeconds(10), DEFAULT_REQUESTS_PER_HOST, userAgent(version), ImportProfile.KUBO);
    }

    /** The configuration keys of these settings, with the defaults of {@link #defaults(String)}. */
    public static List<ConfigKey> keys() {
        GatewaySettings defaults = defaults("0");
        return List.of(
                ConfigKey.list(URLS, DEFAULT_GATEWAYS, "trustless HTTP gateways, in order of preference (profile gateway)")
                        .withCheck(ConfigKey.Check.by(GatewaySettings::parseUrls,
                                "comma-separated http(s) URLs with a host and no query, e.g. https://ipfs.io")),
                ConfigKey.duration(CONNECT_TIMEOUT, defaults.connectTimeout(), "connect timeout per gateway")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(READ_TIMEOUT, defaults.readTimeout(), "read timeout per gateway (between bytes)")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(DEADLINE, defaults.deadline(), "overall deadline of one fetch over all gateways")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(HEDGE_DELAY, defaults.hedgeDelay(),
                        "start the next gateway when the current one sent no byte for this long (0 = race all at once)"),
                ConfigKey.integer(RETRIES, defaults.retries(), "retries per gateway on 429, 5xx and dropped connections")
                        .withCheck(ConfigKey.Check.range(0, 20)),
                ConfigKey.size(MAX_BYTES, defaults.maxBytes(),
                        "most bytes taken from one gateway for one fetch (a CAR of a trace, its blocks or its files)")
                        .withCheck(ConfigKey.Check.sizeRange(1, MAX_BYTES_CEILING)));
    }

    /**
     * The defaults changed by what {@code settings} say for the {@link #keys()}.
     *
     * @param userAgent the User-Agent header to send
     * @throws InvalidSettingsException naming what is wrong
     */
    public static GatewaySettings from(Settings settings, String userAgent) {
        try {
            return defaults("0").toBuilder()
                    .userAgent(userAgent)
                    .urls(settings.require(URLS))
                    .connectTimeout(settings.duration(CONNECT_TIMEOUT))
                    .readTimeout(settings.duration(READ_TIMEOUT))
                    .deadline(settings.duration(DEADLINE))
                    .hedgeDelay(settings.duration(HEDGE_DELAY))
                    .retries(settings.integer(RETRIES))
                    .maxBytes(settings.size(MAX_BYTES))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("invalid gateway setting: " + e.getMessage(),
                    "check the gateway.* keys with 'phasic-traces config show'");
        }
    }

    /** {@code phasic-traces/<version>}. */
    public static String userAgent(String version) {
        return "phasic-traces/" + Objects.requireNonNull(version, "version").strip();
    }

    /**
     * Gateways from a comma- or whitespace-separated list (the {@code gateway.urls} configuration value).
     *
     * @throws IllegalArgumentException naming the bad URL
     */
    public static List<GatewayEndpoint> parseUrls(String urls) {
        List<GatewayEndpoint> parsed = Arrays.stream(urls.split("[,\\s]+"))
                .filter(url -> !url.isBlank())
                .map(GatewayEndpoint::parse)
                .toList();
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no gateway URL in '" + urls + "'");
        }
        return parsed;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Changes some settings; {@link #build()} checks them all. */
    public static final class Builder {
        private List<GatewayEndpoint> gateways;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration deadline;
        private Duration hedgeDelay;
        private long maxBytes;
        private int retries;
        private Duration retryBaseDelay;
        private Duration maxRetryDelay;
        private int maxConnectionsPerHost;
        private String userAgent;
        private ImportProfile importProfile;

        private Builder(GatewaySettings from) {
            gateways = from.gateways;
            connectTimeout = from.connectTimeout;
            readTimeout = from.readTimeout;
            deadline = from.deadline;
            hedgeDelay = from.hedgeDelay;
            maxBytes = from.maxBytes;
            retries = from.retries;
            retryBaseDelay = from.retryBaseDelay;
            maxRetryDelay = from.maxRetryDelay;
            maxConnectionsPerHost = from.maxConnectionsPerHost;
            userAgent = from.userAgent;
            importProfile = from.importProfile;
        }

        public Builder gateways(List<GatewayEndpoint> value) {
            gateways = value;
            return this;
        }

        /** Gateways from a list as {@link #parseUrls(String)} reads it. */
        public Builder urls(String value) {
            return gateways(parseUrls(value));
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        public Builder deadline(Duration value) {
            deadline = value;
            return this;
        }

        public Builder hedgeDelay(Duration value) {
            hedgeDelay = value;
            return this;
        }

        public Builder maxBytes(long value) {
            maxBytes = value;
            return this;
        }

        public Builder retries(int value) {
            retries = value;
            return this;
        }

        public Builder retryBaseDelay(Duration value) {
            retryBaseDelay = value;
            return this;
        }

        public Builder maxRetryDelay(Duration value) {
            maxRetryDelay = value;
            return this;
        }

        public Builder maxConnectionsPerHost(int value) {
            maxConnectionsPerHost = value;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        public Builder importProfile(ImportProfile value) {
            importProfile = value;
            return this;
        }

        public GatewaySettings build() {
            return new GatewaySettings(gateways, connectTimeout, readTimeout, deadline, hedgeDelay, maxBytes, retries,
                    retryBaseDelay, maxRetryDelay, maxConnectionsPerHost, userAgent, importProfile);
        }
    }
}
