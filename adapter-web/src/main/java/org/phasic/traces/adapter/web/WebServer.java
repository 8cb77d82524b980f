package org.phasic.traces.adapter.web;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.phasic.traces.adapter.web.gateway.GatewayHandler;
import org.phasic.traces.ports.in.ServeContentUseCase;

/**
 * The HTTP server of {@code serve}, on Jetty 12's core API: the trustless gateway under {@code /ipfs/} and an optional
 * site handler for everything else (a plain 404 without one). Requests beyond {@link WebServerLimits#maxRequests()}
 * wait in a bounded queue; oversized heads get 431; stalled clients are cut off by the idle timeout, and clients reading
 * a response slower than the minimum data rate are disconnected; a stop (also on
 * SIGTERM, through the JVM's shutdown hook) lets requests in flight finish within the stop timeout. One access log line
 * per request: time, client address, method, path, status, bytes, milliseconds (no headers, so no credentials).
 */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /**
     * @param content   the store's proven content
     * @param limits    address, port and limits
     * @param site      the handler for paths outside {@code /ipfs/} (e.g. the discovery site), or null for a plain 404
     * @param accessLog receives one line per request
     */
    public WebServer(ServeContentUseCase content, WebServerLimits limits, Handler site, Consumer<String> accessLog) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(accessLog, "accessLog");
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32, limits.maxRequests() + 16), 4);
        threads.setName("serve");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(limits.bind());
        connector.setPort(limits.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);

        Handler.Sequence routes = new Handler.Sequence(new GatewayHandler(content));
        if (site != null) {
            routes.addHandler(site);
        }
        routes.addHandler(new NotFound());
        Handler limited = routes;
        if (limits.minResponseBytesPerSecond() > 0) {
            limited = new MinimumWriteRate(routes, limits.minResponseBytesPerSecond());
        }
        QoSHandler qos = new QoSHandler(limited);
        qos.setMaxRequestCount(limits.maxRequests());
        qos.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        qos.setMaxSuspend(limits.queueTimeout());
        server.setHandler(new GracefulHandler(qos));
        server.setStopTimeout(limits.stopTimeout().toMillis());
        server.setStopAtShutdown(true);
        server.setRequestLog((request, response) -> accessLog.accept(line(request, response)));
    }

    private static String line(Request request, Response response) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
        String query = request.getHttpURI().getQuery();
        return Instant.ofEpochMilli(Request.getTimeStamp(request)) + " " + Request.getRemoteAddr(request) + " "
                + request.getMethod() + " " + request.getHttpURI().getPath() + (query == null ? "" : "?" + query) + " "
                + response.getStatus() + " " + Response.getContentBytesWritten(response) + " " + millis + "ms";
    }

    /** Starts listening. */
    public void start() throws Exception {
        server.start();
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully: no new connections, requests in flight finish within the stop timeout. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The last handler: a plain 404. */
    private static final class NotFound extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
    }
}
