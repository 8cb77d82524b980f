package org.phasic.traces.app.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;

/**
 * A trustless gateway on loopback over in-memory blocks, with a fixed latency per response:
 * {@code GET /ipfs/{cid}[/path]} with {@code ?format=car} or {@code Accept: application/vnd.ipld.car} answers a CARv1 of the
 * path's blocks and then the terminal DAG ({@code dag-scope=all}, the default; {@code block}: the terminal block only),
 * depth first without duplicates; {@code ?format=raw} or {@code Accept: application/vnd.ipld.raw} answers one block.
 * Connections send without Nagle's delay ({@link NoDelayServerSockets}).
 */
final class CorpusGateway implements AutoCloseable {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=n";

    private final MockWebServer server = new MockWebServer();
    private final MemoryBlockStore blocks;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long latencyMillis;

    CorpusGateway(MemoryBlockStore blocks) throws IOException {
        this.blocks = blocks;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                MockResponse.Builder response = answer(request);
                if (latencyMillis > 0) {
                    response.headersDelay(latencyMillis, TimeUnit.MILLISECONDS);
                }
                return response.build();
            }
        });
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.start();
    }

    void latency(long millis) {
        latencyMillis = millis;
    }

    /** The {@code gateway.urls} value. */
    String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    int requests() {
        return requests.get();
    }

    private MockResponse.Builder answer(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        List<String> segments = url.pathSegments();
        if (segments.size() < 2 || !segments.get(0).equals("ipfs")) {
            return new MockResponse.Builder().code(400);
        }
        String accept = String.valueOf(request.getHeaders().get("Accept"));
        String format = url.queryParameter("format");
        boolean raw = "raw".equals(format) || accept.contains("application/vnd.ipld.raw");
        boolean car = "car".equals(format) || accept.contains("application/vnd.ipld.car");
        if (!raw && !car) {
            return new MockResponse.Builder().code(406);
        }
        try {
            Set<Cid> path = new LinkedHashSet<>();
            Cid current = Cid.parse(segments.get(1));
            for (String name : segments.subList(2, segments.size())) {
                if (name.isEmpty()) {
                    continue;
                }
                path.add(current);
                current = child(current, name);
                if (current == null) {
                    return new MockResponse.Builder().code(404);
                }
            }
            if (raw) {
                return ok("application/vnd.ipld.raw", block(current));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CarWriter writer = new CarWriter(out, Cid.parse(segments.get(1)))) {
                Set<Cid> written = new LinkedHashSet<>();
                for (Cid cid : path) {
                    write(writer, written, cid, false);
                }
                write(writer, written, current, !"block".equals(url.queryParameter("dag-scope")));
            }
            return ok(CAR_TYPE, out.toByteArray());
        } catch (IllegalArgumentException | IOException e) {
            return new MockResponse.Builder().code(404);
        }
    }

    private void write(CarWriter writer, Set<Cid> written, Cid cid, boolean recurse) throws IOException {
        if (!written.add(cid)) {
            return;
        }
        byte[] data = block(cid);
        writer.accept(Block.verified(cid, data));
        if (recurse && cid.codec() == Multicodec.DAG_PB) {
            for (PBLink link : PBNode.decode(data).links()) {
                write(writer, written, link.hash(), true);
            }
        }
    }

    private Cid child(Cid directory, String name) {
        List<PBLink> links = new ArrayList<>(PBNode.decode(block(directory)).links());
        return links.stream().filter(link -> name.equals(link.name())).map(PBLink::hash).findFirst().orElse(null);
    }

    private byte[] block(Cid cid) {
        return blocks.fetch(cid).orElseThrow(() -> new IllegalArgumentException("no block " + cid));
    }

    private static MockResponse.Builder ok(String type, byte[] body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", type).body(new Buffer().write(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
