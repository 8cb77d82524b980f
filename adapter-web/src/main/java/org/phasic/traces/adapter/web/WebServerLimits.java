package org.phasic.traces.adapter.web;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the web server listens and what it allows.
 *
 * @param bind                 the address to listen on
 * @param port                 the TCP port (0: any free port)
 * @param maxRequests          requests handled at once; more wait in a queue
 * @param maxQueuedRequests    requests waiting for a slot; more are refused with 503
 * @param queueTimeout         how long a request may wait for a slot before a 503
 * @param maxHeaderBytes       the largest request head (request line and headers); larger ones get 431
 * @param idleTimeout          how long a connection may make no progress (a silent or stalled client) before it is closed
 * @param minResponseBytesPerSecond a client reading slower than this is disconnected (0: no minimum)
 * @param stopTimeout          how long a graceful stop waits for requests in flight
 */
public record WebServerLimits(String bind, int port, int maxRequests, int maxQueuedRequests, Duration queueTimeout,
                              int maxHeaderBytes, Duration idleTimeout, long minResponseBytesPerSecond, Duration stopTimeout) {
    public WebServerLimits {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxRequests < 1 || maxQueuedRequests < 0 || maxHeaderBytes < 1024 || minResponseBytesPerSecond < 0) {
            throw new IllegalArgumentException("limits out of range: " + maxRequests + " requests, " + maxQueuedRequests
                    + " queued, " + maxHeaderBytes + " header bytes, " + minResponseBytesPerSecond + " bytes/s");
        }
    }

    /** These limits listening on {@code address} and {@code listenPort}. */
    public WebServerLimits at(String address, int listenPort) {
        return new WebServerLimits(address, listenPort, maxRequests, maxQueuedRequests, queueTimeout, maxHeaderBytes,
                idleTimeout, minResponseBytesPerSecond, stopTimeout);
    }
}
