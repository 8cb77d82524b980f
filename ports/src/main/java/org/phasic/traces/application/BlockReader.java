package org.phasic.traces.application;

import java.io.Closeable;
import java.io.IOException;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * The blocks of a {@link BlockFeed} as a {@link BlockSource}: a CAR stream read once, front to back (blocks that
 * arrive before they are asked for are buffered, so several files can be read from one stream), or the feed's lookup.
 */
final class BlockReader implements Closeable {
    private final BlockSource source;
    private final Closeable closeable;

    private BlockReader(BlockSource source, Closeable closeable) {
        this.source = source;
        this.closeable = closeable;
    }

    static BlockReader of(BlockFeed feed) throws IOException {
        if (feed instanceof BlockFeed.Car car) {
            CarStreamBlockSource blocks = new CarStreamBlockSource(car.stream());
            return new BlockReader(blocks, blocks);
        }
        return new BlockReader(((BlockFeed.Lookup) feed).blocks(), () -> { });
    }

    BlockSource source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        closeable.close();
    }
}
