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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.BlockSource;

/**
 * A CAR file opened for random access: {@link #open(Path)} scans it once, checking the header and every
 * section's framing and CID (but not hashing the blocks), and keeps an index of where each block is.
 * {@link #fetch(Cid)} then reads one block; the consumer verifies it, as for any source. Memory is the
 * index (about a hundred bytes per block), not the file. Safe for one thread at a time.
 */
public final class CarFile implements BlockSource, Closeable {

    private record Entry(int section, Cid cid, long sectionOffset, long dataOffset, int length) {
    }

    private final Path path;
    private final CarHeader header;
    private final Map<Cid, Entry> index;
    private final List<Entry> sections;
    private final FileChannel channel;

    private CarFile(Path path, CarHeader header, Map<Cid, Entry> index, List<Entry> sections, FileChannel channel) {
        this.path = path;
        this.header = header;
        this.index = index;
        this.sections = sections;
        this.channel = channel;
    }

    public static CarFile open(Path path) throws IOException {
        return open(path, CarReader.DEFAULT_MAX_SECTION_BYTES);
    }

    /** @throws org.phasic.traces.domain.cid.CorruptContentException for a malformed CAR, naming the offset */
    public static CarFile open(Path path, int maxSectionBytes) throws IOException {
        Map<Cid, Entry> index = new LinkedHashMap<>();
        List<Entry> sections = new ArrayList<>();
        CarHeader header;
        try (InputStream in = Files.newInputStream(path)) {
            CarReader reader = new CarReader(in, maxSectionBytes);
            header = reader.header();
            for (CarReader.Section s = reader.nextSection(false); s != null; s = reader.nextSection(false)) {
                Entry entry = new Entry(sections.size(), s.cid(), s.offset(), s.dataOffset(), s.dataLength());
                sections.add(entry);
                index.putIfAbsent(s.cid(), entry);
            }
        }
        return new CarFile(path, header, Collections.unmodifiableMap(index), List.copyOf(sections),
                FileChannel.open(path, StandardOpenOption.READ));
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

    /** The number of sections, duplicates included. */
    public int sectionCount() {
        return sections.size();
    }

    @Override
    public Optional<byte[]> fetch(Cid cid) throws IOException {
        Entry entry = index.get(cid);
        return entry == null ? Optional.empty() : Optional.of(read(entry, new byte[entry.length()]));
    }

    private byte[] read(Entry entry, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, entry.length());
        long position = entry.dataOffset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException(path + " shrank while it was read (block " + entry.cid() + ")");
            }
            position += n;
        }
        return into;
    }

    /**
     * A source over this file for one consumer that verifies every block it fetches before it fetches the next
     * (as {@link org.phasic.traces.domain.unixfs.Reassembler} does), so that {@link Reads#verifyRest()} can then
     * hash just the sections the consumer did not. A raw block (a leaf: consumed at once) is read into an array
     * that is reused for the next raw block of the same size, which keeps memory flat for large files.
     */
    public Reads reads() {
        return new Reads();
    }

    /** See {@link #reads()}. Not thread-safe. */
    public final class Reads implements BlockSource {
        private final BitSet verified = new BitSet(sections.size());
        private Entry pending;
        private byte[] rawBuffer = new byte[0];

        private Reads() {
        }

        @Override
        public Optional<byte[]> fetch(Cid cid) throws IOException {
            accepted();
            Entry entry = index.get(cid);
            if (entry == null) {
                return Optional.empty();
            }
            pending = entry;
            return Optional.of(read(entry, buffer(entry)));
        }

        @Override
        public OptionalLong offsetOf(Cid cid) {
            return CarFile.this.offsetOf(cid);
        }

        /** The consumer finished without error: it verified every block it fetched. */
        public void accepted() {
            if (pending != null) {
                verified.set(pending.section());
                pending = null;
            }
        }

        /**
         * Hashes, in file order, every section the consumer has not verified (blocks outside the walked trees,
         * duplicate sections, and the last block fetched before a failure).
         *
         * @return the number of sections in the file, all now verified
         * @throws CorruptContentException naming the byte offset of the first section that does not hash to its CID
         */
        public int verifyRest() throws IOException {
            pending = null;
            for (Entry entry : sections) {
                if (!verified.get(entry.section())) {
                    byte[] data = read(entry, buffer(entry));
                    if (!entry.cid().matches(data, 0, entry.length())) {
                        throw new CorruptContentException("block hash mismatch at byte offset " + entry.sectionOffset()
                                + ": the section's " + entry.length() + " bytes do not hash to " + entry.cid(),
                                entry.sectionOffset());
                    }
                    verified.set(entry.section());
                }
            }
            return sections.size();
        }

        private byte[] buffer(Entry entry) {
            if (entry.cid().codec() != Multicodec.RAW) {
                return new byte[entry.length()];
            }
            if (rawBuffer.length != entry.length()) {
                rawBuffer = new byte[entry.length()];
            }
            return rawBuffer;
        }
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
