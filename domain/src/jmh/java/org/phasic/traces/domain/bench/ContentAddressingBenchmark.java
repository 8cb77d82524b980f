package org.phasic.traces.domain.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * Throughput over the same {@value #SIZE}-byte file: plain {@link MessageDigest} SHA-256 (the baseline),
 * CAR verification ({@link CarReader}, every block hashed), reassembly from a CAR stream (every block
 * verified, file bytes streamed out), and the UnixFS importer (CIDs only). Score = file passes per second;
 * multiply by 32 MiB for bytes per second, divide by the baseline for the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ContentAddressingBenchmark {

    static final int SIZE = 32 << 20;

    @Param({"kubo", "ipfs-car"})
    public String profile;

    private byte[] file;
    private byte[] car;
    private Cid root;
    private ImportProfile importProfile;

    @Setup
    public void setUp() throws IOException {
        file = new byte[SIZE];
        new Random(42).nextBytes(file);
        importProfile = ImportProfile.preset(profile);
        Map<Cid, byte[]> blocks = new HashMap<>();
        root = new UnixFsImporter(importProfile, b -> blocks.put(b.cid(), b.data()))
                .importFile(new ByteArrayInputStream(file)).cid();
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE + (1 << 20));
        try (CarWriter writer = new CarWriter(out, root)) {
            writeDepthFirst(root, blocks, writer, new HashSet<>());
        }
        car = out.toByteArray();
    }

    /** Parents before children, as gateways and {@code dag export} order a CAR. */
    private static void writeDepthFirst(Cid cid, Map<Cid, byte[]> blocks, CarWriter writer, Set<Cid> done)
            throws IOException {
        if (!done.add(cid)) {
            return;
        }
        writer.accept(Block.verified(cid, blocks.get(cid)));
        if (cid.codec() == Multicodec.DAG_PB) {
            for (PBLink link : PBNode.decode(blocks.get(cid)).links()) {
                writeDepthFirst(link.hash(), blocks, writer, done);
            }
        }
    }

    @Benchmark
    public byte[] sha256Baseline() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(file);
    }

    @Benchmark
    public long carVerify() throws IOException {
        long bytes = 0;
        try (CarReader reader = new CarReader(new ByteArrayInputStream(car))) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                bytes += block.size();
            }
        }
        return bytes;
    }

    @Benchmark
    public long carReassemble() throws IOException {
        try (CarStreamBlockSource source = new CarStreamBlockSource(new ByteArrayInputStream(car))) {
            return new Reassembler().writeFile(root, source, OutputStream.nullOutputStream());
        }
    }

    @Benchmark
    public Cid importFile() throws IOException {
        return new UnixFsImporter(importProfile).importFile(new ByteArrayInputStream(file)).cid();
    }
}
