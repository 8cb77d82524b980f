package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportedEntry;
import org.phasic.traces.domain.unixfs.UnixFsData;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.TraceStore.StoredFile;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;

/**
 * Where each provable block's bytes come from: a trace directory is re-imported from its stored files, and only when
 * the result hashes to the expected directory CID are its blocks recorded, the small inner nodes by value and the
 * leaves as a range of a stored file (re-read, and re-checked by the caller, when served). Immutable once built.
 */
final class VerifiedBlockIndex implements BlockSource {

    static final VerifiedBlockIndex EMPTY = new VerifiedBlockIndex(Map.of(), Map.of());

    private final Map<Cid, Location> blocks;
    private final Map<Cid, EntryInfo> entries;

    private VerifiedBlockIndex(Map<Cid, Location> blocks, Map<Cid, EntryInfo> entries) {
        this.blocks = blocks;
        this.entries = entries;
    }

    /** Where a block's bytes are. */
    sealed interface Location permits Inline, Chunk {
    }

    /** A block kept by value (directories, inner file nodes). */
    record Inline(byte[] data) implements Location {
    }

    /** A leaf: {@code length} bytes of {@code file} at {@code offset}, a raw block or wrapped as a UnixFS leaf. */
    record Chunk(Path file, long offset, int length, boolean raw) implements Location {
    }

    /** A file or directory root: whether a directory, and its file bytes. */
    record EntryInfo(boolean directory, long size) {
    }

    /** The blocks of one proven trace directory. */
    record Derived(Map<Cid, Location> blocks, Map<Cid, EntryInfo> entries) {
    }

    /** The union of {@code derived}. */
    static VerifiedBlockIndex of(Iterable<Derived> derived) {
        Map<Cid, Location> blocks = new HashMap<>();
        Map<Cid, EntryInfo> entries = new HashMap<>();
        for (Derived trace : derived) {
            blocks.putAll(trace.blocks());
            entries.putAll(trace.entries());
        }
        return new VerifiedBlockIndex(Map.copyOf(blocks), Map.copyOf(entries));
    }

    /**
     * Re-imports {@code trace}'s stored files as a flat directory under each preset whose CID version is the root's; the
     * first whose files hash to their recorded CIDs and whose directory hashes to {@code root} proves the trace. The store
     * keeps every file of a directory within the fetch chain's bounds but a {@code checksum.sha256} it can re-make (and
     * entries stored before extra files were kept lack it too): an entry without one is tried first with it re-made from
     * the stored trace's SHA-256 (a wrong guess cannot pass, as the directory CID covers every byte), then as stored.
     *
     * @return the trace's blocks, or empty when no layout and preset reproduce {@code root}
     */
    static Optional<Derived> derive(StoredTrace trace, Cid root) throws IOException {
        List<List<DirectoryFile>> layouts = new ArrayList<>();
        List<DirectoryFile> stored = new ArrayList<>();
        trace.files().forEach((name, file) -> stored.add(new DirectoryFile(name, file.path(), null, file.cid())));
        Optional<StoredFile> traceFile = trace.file(TraceEntry.TRACE_FILE);
        if (traceFile.isPresent() && !trace.files().containsKey(TracePackager.CHECKSUM_FILE)) {
            List<DirectoryFile> withChecksum = new ArrayList<>(stored);
            withChecksum.add(new DirectoryFile(TracePackager.CHECKSUM_FILE, null,
                    TracePackager.checksumFile(traceFile.get().sha256()), null));
            layouts.add(withChecksum);
        }
        layouts.add(stored);
        for (List<DirectoryFile> layout : layouts) {
            layout.sort((a, b) -> Arrays.compareUnsigned(utf8(a.name()), utf8(b.name())));
            for (ImportProfile profile : ImportProfile.presetsFor(root.version())) {
                Optional<Derived> derived = derive(layout, root, profile);
                if (derived.isPresent()) {
                    return derived;
                }
            }
        }
        return Optional.empty();
    }

    /** One file of a directory: a stored file with its recorded CID, or re-made bytes (kept by value). */
    private record DirectoryFile(String name, Path path, byte[] bytes, String expectedCid) {
        InputStream open() throws IOException {
            return path != null ? Files.newInputStream(path) : new ByteArrayInputStream(bytes);
        }

        BlockSink recorder(Map<Cid, Location> blocks) {
            return path != null ? new Recorder(path, blocks) : block -> blocks.putIfAbsent(block.cid(), new Inline(block.data().clone()));
        }
    }

    private static Optional<Derived> derive(List<DirectoryFile> files, Cid root, ImportProfile profile) throws IOException {
        Map<Cid, Location> blocks = new HashMap<>();
        Map<Cid, EntryInfo> entries = new HashMap<>();
        List<PBLink> links = new ArrayList<>(files.size());
        long total = 0;
        for (DirectoryFile file : files) {
            ImportedEntry imported;
            try (InputStream in = file.open()) {
                imported = new UnixFsImporter(profile, file.recorder(blocks)).importFile(in);
            }
            if (file.expectedCid() != null && !imported.cid().toString().equals(file.expectedCid())) {
                return Optional.empty();
            }
            entries.put(imported.cid(), new EntryInfo(false, imported.size()));
            links.add(PBLink.of(imported.cid(), file.name(), imported.dagSize()));
            total += imported.size();
        }
        byte[] directory = PBNode.of(links, UnixFsData.directory().encode()).encode();
        if (!Cid.compute(profile.cidVersion(), Multicodec.DAG_PB, directory).equals(root)) {
            return Optional.empty();
        }
        blocks.put(root, new Inline(directory));
        entries.put(root, new EntryInfo(true, total));
        return Optional.of(new Derived(blocks, entries));
    }

    private static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    boolean contains(Cid cid) {
        return blocks.containsKey(cid);
    }

    int size() {
        return blocks.size();
    }

    /** Whether {@code cid}'s bytes are a range of a stored file (worth reading ahead) rather than kept by value. */
    boolean isChunk(Cid cid) {
        return blocks.get(cid) instanceof Chunk;
    }

    /** About how many bytes {@code cid}'s block has (0 when unknown). */
    int approximateLength(Cid cid) {
        Location location = blocks.get(cid);
        return location instanceof Inline inline ? inline.data().length : location instanceof Chunk chunk ? chunk.length() : 0;
    }

    /**
     * The links of {@code cid}'s block as recorded (unchecked: a caller writes a block, checked, before anything it
     * found through its links); none for leaves.
     *
     * @throws CorruptContentException when the block is not in the index
     */
    List<PBLink> links(Cid cid) {
        Location location = blocks.get(cid);
        if (location == null) {
            throw new CorruptContentException("block " + cid + " left the store");
        }
        return location instanceof Inline inline && cid.codec() == Multicodec.DAG_PB ? PBNode.decode(inline.data()).links() : List.of();
    }

    Optional<EntryInfo> entry(Cid cid) {
        return Optional.ofNullable(entries.get(cid));
    }

    /** The bytes recorded for {@code cid}, unchecked (callers verify); empty when unknown or its file is gone. */
    @Override
    public Optional<byte[]> fetch(Cid cid) throws IOException {
        Location location = blocks.get(cid);
        if (location == null) {
            return Optional.empty();
        }
        if (location instanceof Inline inline) {
            return Optional.of(inline.data());
        }
        Chunk chunk = (Chunk) location;
        LeafFrame frame = chunk.raw() ? LeafFrame.NONE : LeafFrame.of(chunk.length());
        byte[] block = new byte[frame.prefix().length + chunk.length() + frame.suffix().length];
        try (FileChannel channel = FileChannel.open(chunk.file(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(block, frame.prefix().length, chunk.length());
            long at = chunk.offset();
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    return Optional.empty();
                }
                at += read;
            }
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        System.arraycopy(frame.prefix(), 0, block, 0, frame.prefix().length);
        System.arraycopy(frame.suffix(), 0, block, block.length - frame.suffix().length, frame.suffix().length);
        return Optional.of(block);
    }

    /**
     * The bytes around a UnixFS leaf's data in its dag-pb block, which depend only on the data's length: a leaf is read
     * from the stored file straight into its block, not wrapped by copying. Found once per length by encoding a leaf
     * twice with different filler and comparing.
     */
    private record LeafFrame(byte[] prefix, byte[] suffix) {
        static final LeafFrame NONE = new LeafFrame(new byte[0], new byte[0]);
        private static final Map<Integer, LeafFrame> BY_LENGTH = new ConcurrentHashMap<>();

        static LeafFrame of(int length) {
            return BY_LENGTH.computeIfAbsent(length, LeafFrame::find);
        }

        private static LeafFrame find(int length) {
            byte[] zeros = leaf(new byte[length]);
            byte[] filled = new byte[length];
            Arrays.fill(filled, (byte) 0xff);
            byte[] ones = leaf(filled);
            int start = Arrays.mismatch(zeros, ones);
            if (length == 0 || start < 0) {
                return new LeafFrame(zeros, new byte[0]);
            }
            int end = start + length;
            if (zeros.length != ones.length || Arrays.mismatch(zeros, end, zeros.length, ones, end, ones.length) >= 0) {
                throw new IllegalStateException("a UnixFS leaf's framing depends on more than its length");
            }
            return new LeafFrame(Arrays.copyOfRange(zeros, 0, start), Arrays.copyOfRange(zeros, end, zeros.length));
        }

        private static byte[] leaf(byte[] data) {
            return PBNode.of(List.of(), UnixFsData.file(data, data.length, new long[0]).encode()).encode();
        }
    }

    /** Records where the importer's blocks come from: leaves by file range, inner nodes by value. */
    private static final class Recorder implements BlockSink {
        private final Path file;
        private final Map<Cid, Location> blocks;
        private long offset;

        Recorder(Path file, Map<Cid, Location> blocks) {
            this.file = file;
            this.blocks = blocks;
        }

        @Override
        public void accept(Block block) {
            if (block.cid().codec() == Multicodec.RAW) {
                blocks.putIfAbsent(block.cid(), new Chunk(file, offset, block.size(), true));
                offset += block.size();
                return;
            }
            PBNode node = PBNode.decode(block.data());
            if (node.links().isEmpty()) {
                int length = node.decodeData(UnixFsData::decode).dataLength();
                blocks.putIfAbsent(block.cid(), new Chunk(file, offset, length, false));
                offset += length;
            } else {
                blocks.putIfAbsent(block.cid(), new Inline(block.data().clone()));
            }
        }
    }
}
