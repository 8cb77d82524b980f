package org.phasic.traces.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.phasic.traces.domain.cid.Cid;

/**
 * A trustless gateway on loopback that answers {@code GET /ipfs/{root}} (any query: the client asks {@code
 * ?format=car&dag-scope=all}) with one CAR file streamed from disk in 1 MiB writes, and 404 for anything else; for
 * content too large to hold in memory as {@link CorpusGateway} does. Sockets without Nagle's delay.
 */
final class CarFileGateway implements AutoCloseable {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1";
    private static final int CHUNK = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Path car;
    private final String rootPath;

    CarFileGateway(Path car, Cid root) throws IOException {
        this.car = car;
        this.rootPath = "/ipfs/" + root;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ipfs/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The {@code gateway.urls} value. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests answered so far: method, path and query of each. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(rootPath)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CAR_TYPE);
            exchange.sendResponseHeaders(200, Files.size(car));
            try (FileChannel in = FileChannel.open(car); OutputStream out = exchange.getResponseBody()) {
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                while (in.read(buffer.clear()) > 0) {
                    out.write(buffer.array(), 0, buffer.position());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
