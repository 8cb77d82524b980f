package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * {@link CarReader#verifiedAhead}: the blocks {@link CarReader#next()} gives, in order, with the same first problem,
 * while large blocks are hashed ahead on other threads.
 */
class CarReaderVerifiedAheadTest {
    private static final int MIB = 1 << 20;
    private final ExecutorService hashing = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        hashing.shutdownNow();
    }

    /** A CAR of 9 MiB + 3 bytes in 1 MiB raw leaves (root last), and where each section starts. */
    private static byte[] car(List<Long> sectionOffsets) throws IOException {
        byte[] content = new byte[9 * MIB + 3];
        new Random(7).nextBytes(content);
        MemoryBlockStore blocks = new MemoryBlockStore();
        Cid root = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks).importFile(new ByteArrayInputStream(content)).cid();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(bytes, root)) {
            for (Block block : blocks.blocks()) {
                sectionOffsets.add((long) bytes.size());
                writer.accept(block);
            }
        }
        return bytes.toByteArray();
    }

    private static List<Block> sequentially(byte[] car) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(car))) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Pulls every block into {@code sink}, hashing up to {@code aheadBytes} ahead; the number of blocks pulled. */
    private long readAll(CarReader reader, Consumer<Block> sink, long aheadBytes) throws IOException {
        long pulled = 0;
        try (CarReader.VerifiedBlocks blocks = reader.verifiedAhead(hashing, aheadBytes)) {
            for (Block block = blocks.next(); block != null; block = blocks.next()) {
                sink.accept(block);
                pulled++;
            }
        }
        return pulled;
    }

    @Test
    void handsOutTheBlocksNextGivesInStreamOrder() throws IOException {
        byte[] car = car(new ArrayList<>());
        List<Block> received = new ArrayList<>();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(car))) {
            assertThat(readAll(reader, received::add, 2 * MIB)).isEqualTo(11);
        }
        assertThat(received).containsExactlyElementsOf(sequentially(car));
    }

    @Test
    void aCorruptBlockBeforeATruncationIsTheProblemReportedAndNoBlockFromItOnIsHandedOut() throws IOException {
        List<Long> offsets = new ArrayList<>();
        byte[] car = car(offsets);
        byte[] damaged = Arrays.copyOf(car, (int) (offsets.get(6) + 1000));
        damaged[(int) offsets.get(3).longValue() + 500] ^= 1;
        List<Block> received = new ArrayList<>();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(damaged))) {
            assertThatThrownBy(() -> readAll(reader, received::add, 8 * MIB))
                    .isInstanceOf(CorruptContentException.class)
                    .hasMessageStartingWith("block hash mismatch at byte offset " + offsets.get(3) + ": ");
        }
        assertThat(sequentially(car).subList(0, 3)).as("only blocks before the corrupt one, in order")
                .startsWith(received.toArray(Block[]::new));
    }

    @Test
    void aTruncationAfterGoodBlocksIsReportedAsNextReportsIt() throws IOException {
        List<Long> offsets = new ArrayList<>();
        byte[] truncated = Arrays.copyOf(car(offsets), (int) (offsets.get(5) + 1000));
        String expected;
        try (CarReader reader = new CarReader(new ByteArrayInputStream(truncated))) {
            expected = catchMessage(() -> {
                while (reader.next() != null) {
                    continue;
                }
            });
        }
        try (CarReader reader = new CarReader(new ByteArrayInputStream(truncated))) {
            assertThatThrownBy(() -> readAll(reader, block -> { }, 8 * MIB)).hasMessage(expected)
                    .hasMessageContaining("truncated section");
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static String catchMessage(Action action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }
}
