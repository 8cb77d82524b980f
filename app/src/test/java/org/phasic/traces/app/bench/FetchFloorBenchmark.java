package org.phasic.traces.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The floor under a verified gateway fetch of a big file on this machine: the CPU time of each step it cannot skip,
 * measured warm (C2) in one JVM over {@code MiB} MiB in 1 MiB pieces, plus plain SHA-256 of the file as the reference.
 * The steps: the gateway sending the bytes over loopback and the client receiving them, SHA-256 twice (every block
 * against its CID, the whole file against the registry checksum), and writing the file into the page cache. A plain
 * main run by hand, never by {@code ./mvnw verify}.
 * <pre>
 * java -cp ... org.phasic.traces.app.bench.FetchFloorBenchmark FILE [rounds=3]
 * </pre>
 */
public final class FetchFloorBenchmark {
    private static final int MIB = 1 << 20;

    private FetchFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long size = Files.size(file);
        System.out.printf(Locale.ROOT, "%s: %d bytes; CPU seconds of the process per step (the last of %d rounds)%n", file, size,
                rounds);
        double hashFile = 0;
        double hashMemory = 0;
        double write = 0;
        double loopback = 0;
        for (int round = 0; round < rounds; round++) {
            hashFile = cpu(() -> BigContentBenchmark.sha256(file));
            hashMemory = cpu(() -> hashInMemory(size));
            write = cpu(() -> writeFile(file, size));
            loopback = cpu(() -> overLoopback(size));
        }
        System.out.printf(Locale.ROOT, "plain SHA-256 of the file (1 MiB reads)       %.2f s%n", hashFile);
        System.out.printf(Locale.ROOT, "SHA-256 of the same bytes in memory           %.2f s%n", hashMemory);
        System.out.printf(Locale.ROOT, "writing them into the page cache              %.2f s%n", write);
        System.out.printf(Locale.ROOT, "sending + receiving them over loopback TCP    %.2f s%n", loopback);
        double floor = 2 * hashMemory + write + loopback;
        System.out.printf(Locale.ROOT, "floor: 2 x SHA-256 + write + loopback          %.2f s of CPU: at best %.2f s on %d cores, "
                + "%.2fx of plain SHA-256 of the file (%.2f s)%n", floor, floor / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(), hashFile / (floor / Runtime.getRuntime().availableProcessors()),
                hashFile);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** The process's CPU seconds (every thread, user and system) while {@code step} runs. */
    private static double cpu(Step step) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        step.run();
        return (os.getProcessCpuTime() - before) / 1e9;
    }

    private static void hashInMemory(long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] piece = new byte[MIB];
        for (long done = 0; done < size; done += MIB) {
            piece[0] = (byte) done;
            digest.update(piece, 0, (int) Math.min(MIB, size - done));
        }
        digest.digest();
    }

    private static void writeFile(Path file, long size) throws IOException {
        Path copy = Files.createTempFile(file.getParent(), "fetch-floor-", ".part");
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            byte[] piece = new byte[MIB];
            for (long done = 0; done < size; done += MIB) {
                out.write(ByteBuffer.wrap(piece, 0, (int) Math.min(MIB, size - done)));
            }
        } finally {
            Files.delete(copy);
        }
    }

    private static void overLoopback(long size) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    byte[] piece = new byte[MIB];
                    for (long done = 0; done < size; done += MIB) {
                        out.write(piece, 0, (int) Math.min(MIB, size - done));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 InputStream in = socket.getInputStream()) {
                byte[] piece = new byte[MIB];
                long received = 0;
                for (int read = in.read(piece); read >= 0; read = in.read(piece)) {
                    received += read;
                }
                if (received != size) {
                    throw new IllegalStateException("received " + received + " of " + size + " bytes");
                }
            }
            sender.join();
        }
    }
}
