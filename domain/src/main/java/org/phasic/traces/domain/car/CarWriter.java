package org.phasic.traces.domain.car;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Varint;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSink;

/**
 * Writes a CARv1: the header at construction, then one section per distinct block (a block already written is
 * skipped). {@link #close()} flushes and closes the underlying stream.
 */
public final class CarWriter implements BlockSink, Closeable {

    private final OutputStream out;
    private final Set<Cid> written = new HashSet<>();
    private long bytes;

    public CarWriter(OutputStream out, List<Cid> roots) throws IOException {
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 1 << 16);
        byte[] header = CarHeader.v1(roots).encode();
        Varint.write(header.length, this.out);
        this.out.write(header);
        bytes = Varint.size(header.length) + header.length;
    }

    public CarWriter(OutputStream out, Cid root) throws IOException {
        this(out, List.of(root));
    }

    @Override
    public void accept(Block block) throws IOException {
        if (!written.add(block.cid())) {
            return;
        }
        long length = (long) block.cid().byteLength() + block.size();
        Varint.write(length, out);
        block.cid().writeTo(out);
        block.writeTo(out);
        bytes += Varint.size(length) + length;
    }

    /** Bytes written so far, header included. */
    public long bytesWritten() {
        return bytes;
    }

    public int blockCount() {
        return written.size();
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
