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
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;

/**
 * A trustless gateway on loopback that answers {@code GET /ipfs/{root}} (any query: the client asks {@code
 * ?format=car&dag-scope=all}) with one CAR file streamed from disk in 1 MiB writes, and 404 for anything else; for
 * content too large to hold in memory as {@link CorpusGateway} does. Sockets without Nagle's delay. A CAR in traversal
 * order (parents first, see {@link #writeInTraversalOrder}) is declared so ({@code order=dfs}), as Kubo/boxo gateways
 * do; any other (ipfs-car's, the root last) in no order.
 */
final class CarFileGateway implements AutoCloseable {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1";
    private static final String TRAVERSAL_CAR_TYPE = CAR_TYPE + "; order=dfs; dups=n";
    private static final int CHUNK = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Path car;
    private final String rootPath;
    private final String contentType;

    /** @param inTraversalOrder whether {@code car} holds its blocks parents first, in link order */
    CarFileGateway(Path car, Cid root, boolean inTraversalOrder) throws IOException {
        this.car = car;
        this.contentType = inTraversalOrder ? TRAVERSAL_CAR_TYPE : CAR_TYPE;
        this.rootPath = "/ipfs/" + root;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ipfs/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Serves one CAR until standard input closes, printing its {@code gateway.urls} value: for timing commands by hand.
     * <pre>
     * java -cp ... org.phasic.traces.app.bench.CarFileGateway CAR ROOT-CID [dfs]
     * </pre>
     */
    public static void main(String[] args) throws IOException {
        try (CarFileGateway gateway = new CarFileGateway(Path.of(args[0]), Cid.parse(args[1]),
                args.length > 2 && args[2].equals("dfs"))) {
            System.out.println(gateway.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                System.out.println(gateway.requests().size() + " requests so far");
            }
        }
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
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, Files.size(car));
            try (FileChannel in = FileChannel.open(car); OutputStream out = exchange.getResponseBody()) {
                ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                while (in.read(buffer.clear()) > 0) {
                    out.write(buffer.array(), 0, buffer.position());
                }
            }
        }
    }

    /** Writes the blocks of {@code car} reachable from {@code root} to {@code out} parents first, in link order. */
    static void writeInTraversalOrder(Path car, Cid root, Path out) throws IOException {
        try (CarFile blocks = CarFile.open(car); CarWriter writer = new CarWriter(Files.newOutputStream(out), root)) {
            writeFrom(root, blocks, writer);
        }
    }

    private static void writeFrom(Cid cid, CarFile blocks, CarWriter writer) throws IOException {
        Block block = Block.verified(cid, blocks.fetch(cid).orElseThrow(() -> new IOException("no block " + cid)));
        writer.accept(block);
        if (cid.codec() == Multicodec.DAG_PB) {
            for (PBLink link : PBNode.decode(block.data()).links()) {
                writeFrom(link.hash(), blocks, writer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
