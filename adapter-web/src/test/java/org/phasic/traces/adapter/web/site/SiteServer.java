package org.phasic.traces.adapter.web.site;

import java.io.IOException;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A plain Jetty server on a free loopback port with one handler, for the site's tests. */
final class SiteServer implements AutoCloseable {
    private final Server server;
    private final URI uri;

    SiteServer(Handler handler) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** The server's root, ending in {@code /}. */
    URI uri() {
        return uri;
    }

    /** {@code path} (relative, no leading slash) under the root. */
    URI resolve(String path) {
        return uri.resolve(path);
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the test server did not stop", e);
        }
    }
}
