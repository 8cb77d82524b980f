package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.phasic.traces.domain.cid.Cid;

/**
 * The fixtures recorded by {@code src/test/resources/gateway/make-fixtures.sh} with js-ipfs, ipfs-car and
 * {@code @ipld/car} (never with our code): CARs, their roots and file CIDs, raw blocks, the js-ipfs listing.
 */
final class Fixtures {

    /** One row of fixtures.tsv. */
    record Fixture(String car, Cid root, Cid trace, Cid metadata, String traceSha256) {
        byte[] carBytes() {
            return resource(car);
        }
    }

    private static final Map<String, Fixture> ROWS = readRows();

    /** js-ipfs {@code add?cid-version=0} of kingman_n5_theta1 (Kubo's profile), whole DAG, root first. */
    static final Fixture KINGMAN_V0 = ROWS.get("kingman-v0.dag-export.car");
    /** The root block and the trace.json.gz DAG of {@link #KINGMAN_V0}, as a gateway answers dag-scope=entity. */
    static final Fixture KINGMAN_V0_TRACE_ENTITY = ROWS.get("kingman-v0.trace-entity.car");
    /** ipfs-car pack of the same directory: CIDv1, raw leaves, root block last. */
    static final Fixture KINGMAN_V1 = ROWS.get("kingman-v1.ipfs-car.car");
    /** A 300 000-byte trace.json.gz in two 256 KiB-chunk leaves (CIDv0), whole DAG. */
    static final Fixture BIG_V0 = ROWS.get("big-v0.dag-export.car");
    /** The root block and the trace.json.gz DAG of {@link #BIG_V0}. */
    static final Fixture BIG_V0_TRACE_ENTITY = ROWS.get("big-v0.trace-entity.car");

    static final String TRACE = "trace.json.gz";
    static final String METADATA = "metadata.json";

    private Fixtures() {
    }

    /** A file of the kingman_n5_theta1 input directory. */
    static byte[] kingmanFile(String name) {
        return resource("kingman_n5_theta1/" + name);
    }

    static String listingHtml() {
        return new String(resource("kingman-v0.js-ipfs-listing.html"), StandardCharsets.UTF_8);
    }

    /** Every recorded block, by CID (as js-ipfs block/get returned it). */
    static Map<Cid, byte[]> blocks() {
        Map<Cid, byte[]> blocks = new HashMap<>();
        try (Stream<Path> files = Files.list(directory("gateway/blocks"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                blocks.put(Cid.parse(name.substring(0, name.length() - ".bin".length())), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/gateway/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource gateway/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path directory(String resource) {
        try {
            return Path.of(Fixtures.class.getResource("/" + resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Fixture> readRows() {
        Map<String, Fixture> rows = new HashMap<>();
        String text = new String(resource("fixtures.tsv"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = List.of(line.split("\t"));
            rows.put(f.get(0), new Fixture(f.get(0), Cid.parse(f.get(2)), Cid.parse(f.get(3)), Cid.parse(f.get(4)),
                    f.get(5)));
        }
        return rows;
    }
}
