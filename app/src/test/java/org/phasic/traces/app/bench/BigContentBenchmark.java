package org.phasic.traces.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * The big-content benchmark (a plain main, run by hand; results in docs/benchmarks.md).
 * <pre>
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark make /tmp/big.car [MiB] [profile]  # CAR of random bytes
 * java -cp CP org.phasic.traces.app.bench.BigContentBenchmark sha256 FILE   # the reference: MessageDigest over the file
 * phasic-traces car verify /tmp/big.car; phasic-traces car unpack /tmp/big.car /tmp/out
 * </pre>
 * {@code make} imports {@code MiB} (default 1024) deterministic pseudo-random MiB as one file (profile default
 * {@code ipfs-car}: CIDv1, 1 MiB raw leaves) and writes the CAR, the file's blocks first and the root last.
 */
public final class BigContentBenchmark {
    private static final int MIB = 1 << 20;

    private BigContentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("make")) {
            int mib = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
            make(Path.of(args[1]), mib, ImportProfile.preset(args.length > 3 ? args[3] : "ipfs-car"));
        } else if (args.length >= 2 && args[0].equals("sha256")) {
            long start = System.nanoTime();
            String hex = sha256(Path.of(args[1]));
            System.out.printf(Locale.ROOT, "sha256 %s  %s: %.3f s in-process%n", hex, args[1], (System.nanoTime() - start) / 1e9);
        } else {
            System.err.println("usage: make FILE.car [MiB] [profile] | sha256 FILE");
            System.exit(2);
        }
    }

    private static void make(Path car, int mib, ImportProfile profile) throws IOException {
        Cid root;
        try (InputStream in = new PseudoRandomBytes((long) mib * MIB)) {
            root = new UnixFsImporter(profile, BlockSink.DISCARD).importFile(in).cid();
        }
        try (OutputStream file = Files.newOutputStream(car); CarWriter writer = new CarWriter(file, root);
                InputStream in = new PseudoRandomBytes((long) mib * MIB)) {
            new UnixFsImporter(profile, writer).importFile(in);
            System.out.printf(Locale.ROOT, "%s: root %s, %d blocks, %d bytes%n", car, root, writer.blockCount(),
                    writer.bytesWritten());
        }
    }

    /** Plain {@link MessageDigest} over the file in 1 MiB reads. */
    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.array(), 0, buffer.position());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code length} reproducible pseudo-random bytes. */
    static final class PseudoRandomBytes extends InputStream {
        private final SplittableRandom random = new SplittableRandom(20261205L);
        private long remaining;

        PseudoRandomBytes(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && i + k < n; k++) {
                    b[off + i + k] = (byte) (v >>> (8 * k));
                }
            }
            remaining -= n;
            return n;
        }
    }
}
