package org.phasic.traces.domain.car;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.BlockSource;

/**
 * A CAR file opened for random access: {@link #open(Path)} scans it once, checking the header and every
 * section's framing and CID (but not hashing the blocks), and keeps an index of where each block is.
 * {@link #fetch(Cid)} then reads one block; the consumer verifies it, as for any source. Memory is the
 * index (about a hundred bytes per block), not the file. Safe for one thread at a time.
 */
public final class CarFile implements BlockSource, Closeable {

    private record Entry(long sectionOffset, long dataOffset, int length) {
    }

    private final Path path;
    private final CarHeader header;
    private final Map<Cid, Entry> index;
    private final FileChannel channel;

    private CarFile(Path path, CarHeader header, Map<Cid, Entry> index, FileChannel channel) {
        this.path = path;
        this.header = header;
        this.index = index;
        this.channel = channel;
    }

    public static CarFile open(Path path) throws IOException {
        return open(path, CarReader.DEFAULT_MAX_SECTION_BYTES);
    }

    /** @throws org.phasic.traces.domain.cid.CorruptContentException for a malformed CAR, naming the offset */
    public static CarFile open(Path path, int maxSectionBytes) throws IOException {
        Map<Cid, Entry> index = new LinkedHashMap<>();
        CarHeader header;
        try (InputStream in = Files.newInputStream(path)) {
            CarReader reader = new CarReader(in, maxSectionBytes);
            header = reader.header();
            for (CarReader.Section s = reader.nextSection(false); s != null; s = reader.nextSection(false)) {
                index.putIfAbsent(s.cid(), new Entry(s.offset(), s.dataOffset(), s.dataLength()));
            }
        }
        return new CarFile(path, header, Collections.unmodifiableMap(index), FileChannel.open(path,
                StandardOpenOption.READ));
    }

    public Path path() {
        return path;
    }

    public CarHeader header() {
        return header;
    }

    /** The distinct block CIDs, in file order. */
    public Set<Cid> cids() {
        return index.keySet();
    }

    public int blockCount() {
        return index.size();
    }

    @Override
    public Optional<byte[]> fetch(Cid cid) throws IOException {
        Entry entry = index.get(cid);
        if (entry == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.allocate(entry.length());
        long position = entry.dataOffset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException(path + " shrank while it was read (block " + cid + ")");
            }
            position += n;
        }
        return Optional.of(buffer.array());
    }

    @Override
    public OptionalLong offsetOf(Cid cid) {
        Entry entry = index.get(cid);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.sectionOffset());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
