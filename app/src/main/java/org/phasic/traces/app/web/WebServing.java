package org.phasic.traces.app.web;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.phasic.traces.adapter.web.WebServer;
import org.phasic.traces.adapter.web.WebServerLimits;
import org.phasic.traces.adapter.web.site.DiscoverySite;
import org.phasic.traces.app.composition.UseCases;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.ports.in.ServeContentUseCase.ServeIndexSummary;

/**
 * A running {@code serve}: the web server over the composition's use cases, with the {@code serve.*} limits.
 */
public final class WebServing implements AutoCloseable {
    private final WebServer server;
    private final ServeIndexSummary index;

    private WebServing(WebServer server, ServeIndexSummary index) {
        this.server = server;
        this.index = index;
    }

    /**
     * Proves the store's content, then listens.
     *
     * @param settings  the {@code serve.*} settings
     * @param bind      the address to listen on, or null for {@link ServeSettings#bind()}
     * @param port      the port, or null for {@link ServeSettings#port()}
     * @param accessLog receives one line per request
     * @throws IOException when the address cannot be listened on
     */
    public static WebServing start(UseCases useCases, ServeSettings settings, String bind, Integer port,
                                   Consumer<String> accessLog) throws IOException {
        Objects.requireNonNull(useCases, "useCases");
        ServeIndexSummary index = useCases.serveContent().refresh();
        WebServerLimits limits = new WebServerLimits(bind != null ? bind : settings.bind(), port != null ? port : settings.port(),
                settings.maxRequests(), settings.maxQueued(), settings.queueTimeout(), settings.maxHeaderBytes(),
                settings.idleTimeout(), settings.minDataRate(), settings.stopTimeout());
        WebServer server = new WebServer(useCases.serveContent(), limits, site(useCases), accessLog);
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly(server);
            throw e;
        } catch (Exception e) {
            closeQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
        return new WebServing(server, index);
    }

    /** The handler for everything outside {@code /ipfs/}: the discovery site. */
    private static Handler site(UseCases useCases) {
        return new DiscoverySite(useCases.listTraces(), useCases.showTrace(), useCases.evaluateTrace(),
                useCases.traceAvailability());
    }

    private static void closeQuietly(WebServer server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // the start failure is what gets reported
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        return server.address();
    }

    /** What the store could prove when the server started. */
    public ServeIndexSummary index() {
        return index;
    }

    /** Blocks until the server stops (on {@link #close()} or SIGTERM). */
    public void awaitStop() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully. */
    @Override
    public void close() throws Exception {
        server.close();
    }
}
