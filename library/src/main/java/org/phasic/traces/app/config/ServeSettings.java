package org.phasic.traces.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * The settings of {@code serve}: where it listens and the limits that keep it responsive.
 *
 * @param bind              the address to listen on (loopback unless told otherwise)
 * @param port              the TCP port
 * @param maxRequests       requests handled at once
 * @param maxQueued         requests waiting for a slot; beyond, 503
 * @param queueTimeout      how long a request may wait for a slot
 * @param maxHeaderBytes    the largest request head; beyond, 431
 * @param idleTimeout       how long a connection may make no progress before it is closed
 * @param minDataRate       the slowest a client may read a response, bytes per second (0: no minimum)
 * @param stopTimeout       how long a stop (SIGTERM) waits for requests in flight
 * @param rescanInterval    the least time between two store scans caused by requests for unknown CIDs
 */
public record ServeSettings(String bind, int port, int maxRequests, int maxQueued, Duration queueTimeout, int maxHeaderBytes,
                            Duration idleTimeout, int minDataRate, Duration stopTimeout, Duration rescanInterval) {
    /** Key of {@link #bind()}. */
    public static final String BIND = "serve.bind";
    /** Key of {@link #port()}. */
    public static final String PORT = "serve.port";
    /** Key of {@link #maxRequests()}. */
    public static final String MAX_REQUESTS = "serve.maxRequests";
    /** Key of {@link #maxQueued()}. */
    public static final String MAX_QUEUED = "serve.maxQueued";
    /** Key of {@link #queueTimeout()}. */
    public static final String QUEUE_TIMEOUT = "serve.queueTimeout";
    /** Key of {@link #maxHeaderBytes()}. */
    public static final String MAX_HEADER_BYTES = "serve.maxHeaderBytes";
    /** Key of {@link #idleTimeout()}. */
    public static final String IDLE_TIMEOUT = "serve.idleTimeout";
    /** Key of {@link #minDataRate()}. */
    public static final String MIN_DATA_RATE = "serve.minDataRate";
    /** Key of {@link #stopTimeout()}. */
    public static final String STOP_TIMEOUT = "serve.stopTimeout";
    /** Key of {@link #rescanInterval()}. */
    public static final String RESCAN_INTERVAL = "serve.rescanInterval";

    /** Loopback port 8080; 64 requests at once, 1024 waiting up to 10 s; 8 KiB heads; 30 s idle; 10 s to stop. */
    public static final ServeSettings DEFAULTS = new ServeSettings("127.0.0.1", 8080, 64, 1024, Duration.ofSeconds(10), 8192,
            Duration.ofSeconds(30), 128, Duration.ofSeconds(10), Duration.ofSeconds(10));

    public ServeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(rescanInterval, "rescanInterval");
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of(BIND, ConfigKey.Type.STRING, DEFAULTS.bind(), "address serve listens on (0.0.0.0: every interface)"),
                ConfigKey.integer(PORT, DEFAULTS.port(), "TCP port serve listens on").withCheck(ConfigKey.Check.range(0, 65_535)),
                ConfigKey.integer(MAX_REQUESTS, DEFAULTS.maxRequests(), "requests serve handles at once")
                        .withCheck(ConfigKey.Check.range(1, 10_000)),
                ConfigKey.integer(MAX_QUEUED, DEFAULTS.maxQueued(), "requests waiting for a slot before serve answers 503")
                        .withCheck(ConfigKey.Check.range(0, 1_000_000)),
                ConfigKey.duration(QUEUE_TIMEOUT, DEFAULTS.queueTimeout(), "how long a request may wait for a slot")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.integer(MAX_HEADER_BYTES, DEFAULTS.maxHeaderBytes(), "largest request head serve reads (larger: 431)")
                        .withCheck(ConfigKey.Check.range(1024, 1 << 20)),
                ConfigKey.duration(IDLE_TIMEOUT, DEFAULTS.idleTimeout(), "how long a connection may stall before serve closes it")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.integer(MIN_DATA_RATE, DEFAULTS.minDataRate(),
                        "slowest a client may read a response, bytes per second (0: no minimum)")
                        .withCheck(ConfigKey.Check.range(0, Integer.MAX_VALUE)),
                ConfigKey.duration(STOP_TIMEOUT, DEFAULTS.stopTimeout(), "how long stopping serve waits for requests in flight")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(RESCAN_INTERVAL, DEFAULTS.rescanInterval(),
                        "least time between two store scans caused by requests for CIDs serve does not know")
                        .withCheck(ConfigKey.Check.positiveDuration()));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static ServeSettings from(Settings settings) {
        return new ServeSettings(settings.require(BIND), settings.integer(PORT), settings.integer(MAX_REQUESTS),
                settings.integer(MAX_QUEUED), settings.duration(QUEUE_TIMEOUT), settings.integer(MAX_HEADER_BYTES),
                settings.duration(IDLE_TIMEOUT), settings.integer(MIN_DATA_RATE), settings.duration(STOP_TIMEOUT),
                settings.duration(RESCAN_INTERVAL));
    }
}
