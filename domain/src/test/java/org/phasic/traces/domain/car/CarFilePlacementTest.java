package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * {@link CarFile.Reads} as a {@link org.phasic.traces.domain.unixfs.LeafPlacement}: the read-ahead threads read and
 * hash the leaves, one writer thread writes them, and the first failed write stops the writes after it.
 */
class CarFilePlacementTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 24 * MIB + 5;

    private byte[] content;
    private List<Cid> leaves;

    /** A CAR of one file of {@value #SIZE} pseudo-random bytes in 1 MiB raw leaves; {@link #leaves} in file order. */
    private Path car(Path dir) throws IOException {
        content = new byte[SIZE];
        new Random(6).nextBytes(content);
        MemoryBlockStore blocks = new MemoryBlockStore();
        Cid root = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks).importFile(new ByteArrayInputStream(content)).cid();
        Path car = dir.resolve("file.car");
        try (CarWriter writer = new CarWriter(Files.newOutputStream(car), root)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        leaves = blocks.blocks().stream().map(Block::cid).filter(cid -> cid.codec() == Multicodec.RAW).toList();
        return car;
    }

    @Test
    void theLeavesAreWrittenOneAtATimeByOneThreadOtherThanTheConsumers(@TempDir Path tmp) throws IOException {
        Path car = car(tmp);
        Path out = tmp.resolve("out.bin");
        try (CarFile file = CarFile.open(car); CarFile.Reads reads = file.reads(2);
                RecordingChannel channel = new RecordingChannel(out, -1, false)) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(7));
            for (int i : order) {
                reads.place(leaves.get(i), channel, (long) i * MIB);
            }
            reads.awaitPlaced();
            assertThat(channel.writers).hasSize(1).doesNotContain(Thread.currentThread().getName());
            assertThat(channel.mostAtOnce.get()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
    }

    @Test
    void withoutReadAheadThreadsTheConsumerWritesTheLeaves(@TempDir Path tmp) throws IOException {
        Path car = car(tmp);
        Path out = tmp.resolve("out.bin");
        try (CarFile file = CarFile.open(car); CarFile.Reads reads = file.reads(0);
                RecordingChannel channel = new RecordingChannel(out, -1, false)) {
            for (int i = 0; i < leaves.size(); i++) {
                reads.place(leaves.get(i), channel, (long) i * MIB);
            }
            reads.awaitPlaced();
            assertThat(channel.writers).containsExactly(Thread.currentThread().getName());
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {false, true})
    void aFailedWriteFailsTheWaitAndNoLeafAfterItIsWritten(boolean error, @TempDir Path tmp) throws IOException {
        Path car = car(tmp);
        try (CarFile file = CarFile.open(car); CarFile.Reads reads = file.reads(2);
                RecordingChannel channel = new RecordingChannel(tmp.resolve("out.bin"), 3, error)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < leaves.size(); i++) {
                    reads.place(leaves.get(i), channel, (long) i * MIB);
                }
                reads.awaitPlaced();
            }).isInstanceOf(error ? OutOfMemoryError.class : IOException.class).hasMessageContaining("(write 3)");
            reads.close();
            assertThat(channel.writes.get()).isEqualTo(3);
        }
    }

    /**
     * A file channel that records which threads write and how many write at once (each write takes a few
     * milliseconds, so that overlapping writers would be seen), and fails its {@code failAt}-th write: with an
     * {@link IOException}, or with an error (as when direct memory runs out).
     */
    private static final class RecordingChannel extends FileChannel {
        private final FileChannel file;
        private final int failAt;
        private final boolean error;
        final Set<String> writers = ConcurrentHashMap.newKeySet();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger atOnce = new AtomicInteger();

        RecordingChannel(Path path, int failAt, boolean error) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            this.failAt = failAt;
            this.error = error;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            writers.add(Thread.currentThread().getName());
            int number = writes.incrementAndGet();
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
                if (number == failAt && error) {
                    throw new OutOfMemoryError("Cannot reserve direct buffer memory (write " + number + ")");
                }
                if (number == failAt) {
                    throw new IOException("no space left (write " + number + ")");
                }
                return file.write(src, position);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                atOnce.decrementAndGet();
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new UnsupportedOperationException("placements write at positions");
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException("placements write at positions");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("placements write at positions");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
