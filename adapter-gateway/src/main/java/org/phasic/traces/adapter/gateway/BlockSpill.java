package org.phasic.traces.adapter.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.dag.MemoryBlockStore;

/**
 * Blocks as they are received, verified: kept in memory up to a threshold of block bytes, then written to a
 * temporary CAR file (deleted by {@link #close()}), so a large download does not grow the heap. Accept every block,
 * then {@link #finish()}, then read {@link #memory()} or {@link #file()}.
 */
final class BlockSpill implements BlockSink, Closeable {
    private final int memoryLimit;
    private final List<Cid> roots;
    private MemoryBlockStore memory = new MemoryBlockStore();
    private Path file;
    private CarWriter writer;

    /** @param roots the roots for the header of the temporary CAR */
    BlockSpill(int memoryLimit, List<Cid> roots) {
        this.memoryLimit = memoryLimit;
        this.roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
    }

    @Override
    public void accept(Block block) throws IOException {
        if (writer == null && memory.contains(block.cid())) {
            return;
        }
        if (writer == null && memory.bytes() + block.size() > memoryLimit) {
            file = Files.createTempFile("phasic-traces-gateway-", ".car");
            writer = new CarWriter(Files.newOutputStream(file), roots);
            for (Block held : memory.blocks()) {
                writer.accept(held);
            }
            memory = null;
        }
        if (writer != null) {
            writer.accept(block);
        } else {
            memory.accept(block);
        }
    }

    /** Whether {@code block} can be accepted without the blocks outgrowing memory (true for one held already). */
    boolean fitsInMemory(Block block) {
        return memory != null && (memory.contains(block.cid()) || memory.bytes() + block.size() <= memoryLimit);
    }

    /** Ends accepting blocks. */
    void finish() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    /** The blocks, while they fit in memory. */
    Optional<MemoryBlockStore> memory() {
        return Optional.ofNullable(memory);
    }

    /** The temporary CAR file, when the blocks outgrew memory. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Deletes the temporary file, if any. */
    @Override
    public void close() throws IOException {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
