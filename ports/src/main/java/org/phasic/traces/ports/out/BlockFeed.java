package org.phasic.traces.ports.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.phasic.traces.domain.dag.BlockSource;

/** Untrusted blocks from a {@link ContentSource}: a CAR stream, or blocks fetched one at a time by CID. */
public sealed interface BlockFeed extends Closeable {

    /**
     * A CAR v1 stream; the reader verifies every block as it streams.
     *
     * @param stream the CAR bytes (closed with the feed)
     */
    record Car(InputStream stream) implements BlockFeed {
        public Car {
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * Blocks fetched by CID as the DAG is walked: held by the source, or read from a stream as they are asked for
     * (a large gateway response in traversal order), in which case the walk is what checks the content is complete and
     * a failure can surface mid-way.
     *
     * @param blocks  the lookup
     * @param onClose what to release when done
     */
    record Lookup(BlockSource blocks, Closeable onClose) implements BlockFeed {
        public Lookup {
            Objects.requireNonNull(blocks, "blocks");
            Objects.requireNonNull(onClose, "onClose");
        }

        /** A lookup with nothing to release. */
        public static Lookup of(BlockSource blocks) {
            return new Lookup(blocks, () -> { });
        }

        @Override
        public void close() throws IOException {
            onClose.close();
        }
    }
}
