package org.phasic.traces.adapter.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * {@code GET /ipfs/{root}/{path}?format=car&dag-scope=entity} with {@code Accept: application/vnd.ipld.car}.
 * The response must be a CARv1 ({@code Content-Type} checked); it is read to the end with the domain's
 * {@link CarReader}, which verifies every block as it streams, while a copy goes to a {@link SpillBuffer}. Then
 * the copy must reassemble the whole file, and the CAR's roots must name the requested root (or, for a path, the
 * entity it resolves to). Only then is the copy handed out, as a {@link BlockFeed.Car}.
 */
final class CarRetrieval implements Retrieval {
    static final String ACCEPT = "application/vnd.ipld.car;version=1;order=dfs;dups=y";
    /** CARs up to this size stay in memory; larger ones go to a temporary file. */
    static final int MEMORY_BYTES = 8 << 20;

    private final GatewayHttp http;
    private final DagCheck check;
    private final int memoryBytes;

    CarRetrieval(GatewayHttp http, DagCheck check, int memoryBytes) {
        this.http = Objects.requireNonNull(http, "http");
        this.check = Objects.requireNonNull(check, "check");
        this.memoryBytes = memoryBytes;
    }

    @Override
    public BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException {
        HttpUrl url = path.appendTo(context.ipfsUrl().addPathSegment(root.toString()))
                .addQueryParameter("format", "car")
                .addQueryParameter("dag-scope", path.isRoot() ? "all" : "entity")
                .build();
        Received car = http.get(context, url, ACCEPT, response -> receive(context, response, root, path));
        try {
            boolean namesRoot = car.roots().isEmpty() || car.roots().contains(root);
            Cid entity;
            try {
                entity = requireComplete(car.spill(), root, path, context.name());
            } catch (NotFoundAtGatewayException e) {
                if (namesRoot) {
                    throw e;
                }
                throw wrongRoots(context, car.roots(), root);
            }
            if (!namesRoot && !car.roots().contains(entity)) {
                throw wrongRoots(context, car.roots(), root);
            }
            return new BlockFeed.Car(new DeletingStream(car.spill()));
        } catch (IOException | RuntimeException e) {
            car.spill().close();
            throw e;
        }
    }

    private record Received(SpillBuffer spill, List<Cid> roots) {
    }

    private Received receive(AttemptContext context, Response response, Cid root, ContentPath path) throws IOException {
        MediaType type = response.body().contentType();
        if (!isCarV1(type)) {
            throw new NotTrustlessException(context.name() + " answered a CAR request with "
                    + (type == null ? "no Content-Type" : type.toString()));
        }
        SpillBuffer spill = new SpillBuffer(memoryBytes);
        try {
            ByteBudget budget = new ByteBudget(check.limits().maxTotalBytes(), "the CAR from " + context.name());
            InputStream in = new Tee(context.meter(response.body().byteStream(), budget), spill);
            CarReader reader = new CarReader(in);
            List<Cid> roots = reader.roots();
            if (path.isRoot() && !roots.isEmpty() && !roots.contains(root)) {
                throw wrongRoots(context, roots, root);
            }
            for (Block block = reader.next(); block != null; block = reader.next()) {
                context.blockReceived(block.size());
            }
            spill.finish();
            return new Received(spill, roots);
        } catch (IOException | RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    /** @return the CID {@code path} resolves to */
    private Cid requireComplete(SpillBuffer spill, Cid root, ContentPath path, String from) throws IOException {
        if (spill.file().isPresent()) {
            try (CarFile car = CarFile.open(spill.file().get())) {
                return check.requireComplete(root, path, car.reads(), car, from);
            }
        }
        try (CarStreamBlockSource car = new CarStreamBlockSource(spill.openStream(), check.limits().maxTotalBytes())) {
            return check.requireComplete(root, path, car, car, from);
        }
    }

    private static CorruptContentException wrongRoots(AttemptContext context, List<Cid> roots, Cid root) {
        return new CorruptContentException("the CAR from " + context.name() + " has roots " + roots
                + ", not the requested " + root);
    }

    static boolean isCarV1(MediaType type) {
        if (type == null || !type.type().equals("application") || !type.subtype().equals("vnd.ipld.car")) {
            return false;
        }
        String version = type.parameter("version");
        return version == null || version.equals("1");
    }

    /** Copies what is read from the response into the spill buffer. */
    private static final class Tee extends ObservedInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        void observed(byte[] buffer, int offset, int length) throws IOException {
            copy.write(buffer, offset, length);
        }
    }

    /** The buffered CAR; closing it deletes the buffer's temporary file. */
    private static final class DeletingStream extends FilterInputStream {
        private final SpillBuffer spill;

        DeletingStream(SpillBuffer spill) throws IOException {
            super(spill.openStream());
            this.spill = spill;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                spill.close();
            }
        }
    }
}
