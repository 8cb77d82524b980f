package org.phasic.traces.domain.unixfs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.cid.UnsupportedContentException;
import org.phasic.traces.domain.cid.Varint;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSink;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;

/**
 * Imports files and directory trees into UnixFS exactly as Kubo ({@code ipfs add}) and npm ipfs-car do
 * for the same {@link ImportProfile}: fixed-size chunks, balanced layout, directories as flat dag-pb nodes
 * with entries sorted by their UTF-8 bytes. Files stream through one chunk buffer, so memory does not grow
 * with file size. Every block goes to the {@link BlockSink}, children before parents.
 *
 * <p>Like {@code ipfs add -r} and ipfs-car, names starting with '.' below the root are skipped unless
 * hidden files are included. Empty directories are kept (Kubo does; ipfs-car drops them). Symbolic links
 * and special files are refused. Directories big enough that Kubo or ipfs-car would shard them (HAMT) are
 * refused rather than hashed differently.
 */
public final class UnixFsImporter {

    /** ipfs-car shards directories with more entries than this. */
    public static final int MAX_DIRECTORY_ENTRIES = 1000;
    /** Kubo shards a directory once its estimated size reaches this many bytes. */
    public static final int HAMT_SHARDING_SIZE = 256 * 1024;

    private static final byte[] DIRECTORY_DATA = UnixFsData.directory().encode();
    private static final Comparator<byte[]> UTF8_ORDER = Arrays::compareUnsigned;

    private final ImportProfile profile;
    private final BlockSink sink;

    public UnixFsImporter(ImportProfile profile, BlockSink sink) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** An importer that only computes CIDs. */
    public UnixFsImporter(ImportProfile profile) {
        this(profile, BlockSink.DISCARD);
    }

    public ImportProfile profile() {
        return profile;
    }

    /** Imports the bytes of {@code in} (read to its end, not closed) as one file. */
    public ImportedEntry importFile(InputStream in) throws IOException {
        return importFile(in, "");
    }

    /** Imports a file or a directory tree, skipping hidden names below the root. */
    public ImportResult importPath(Path path) throws IOException {
        return importPath(path, false);
    }

    /**
     * Imports a regular file or a directory tree.
     *
     * @param includeHidden whether names starting with '.' below the root are imported
     * @throws UnsupportedContentException for symbolic links, special files, and directories that would
     *     need HAMT sharding
     */
    public ImportResult importPath(Path path, boolean includeHidden) throws IOException {
        List<ImportedEntry> entries = new ArrayList<>();
        ImportedEntry root = importAny(path, "", includeHidden, entries);
        return new ImportResult(root.cid(), entries);
    }

    private ImportedEntry importAny(Path path, String relative, boolean includeHidden, List<ImportedEntry> entries)
            throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        ImportedEntry entry;
        if (attributes.isDirectory()) {
            entry = importDirectory(path, relative, includeHidden, entries);
        } else if (attributes.isRegularFile()) {
            try (InputStream in = Files.newInputStream(path)) {
                entry = importFile(in, relative);
            }
        } else {
            throw new UnsupportedContentException("cannot import " + path + ": "
                    + (attributes.isSymbolicLink() ? "symbolic links are not supported" : "not a regular file"));
        }
        entries.add(entry);
        return entry;
    }

    private ImportedEntry importDirectory(Path dir, String relative, boolean includeHidden,
            List<ImportedEntry> entries) throws IOException {
        List<byte[]> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                String encodingProblem = SafePaths.unrepresentableReason(name);
                if (encodingProblem != null) {
                    throw new UnsupportedContentException("cannot import " + dir + ": " + encodingProblem);
                }
                if (includeHidden || !name.startsWith(".")) {
                    names.add(name.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (names.size() > MAX_DIRECTORY_ENTRIES) {
            throw tooBigForFlatDirectory(dir.toString(), names.size() + " entries");
        }
        List<String> sorted = sortedNames(names);
        List<ImportedEntry> children = new ArrayList<>(sorted.size());
        for (String name : sorted) {
            children.add(importAny(dir.resolve(name), relative.isEmpty() ? name : relative + "/" + name, includeHidden,
                    entries));
        }
        return directory(relative, sorted, children, dir.toString());
    }

    /**
     * Imports a flat directory of in-memory files (name to bytes) as importing a folder holding exactly those files
     * would; names are taken as given (hidden ones included).
     *
     * @throws UnsupportedContentException for directories that would need HAMT sharding
     */
    public ImportResult importFiles(Map<String, byte[]> files) throws IOException {
        if (files.size() > MAX_DIRECTORY_ENTRIES) {
            throw tooBigForFlatDirectory("in memory", files.size() + " entries");
        }
        List<byte[]> names = new ArrayList<>(files.size());
        files.keySet().forEach(name -> names.add(name.getBytes(StandardCharsets.UTF_8)));
        List<String> sorted = sortedNames(names);
        List<ImportedEntry> entries = new ArrayList<>(sorted.size() + 1);
        for (String name : sorted) {
            entries.add(importFile(new ByteArrayInputStream(files.get(name)), name));
        }
        ImportedEntry root = directory("", sorted, List.copyOf(entries), "in memory");
        entries.add(root);
        return new ImportResult(root.cid(), entries);
    }

    private static List<String> sortedNames(List<byte[]> names) {
        names.sort(UTF8_ORDER);
        return names.stream().map(name -> new String(name, StandardCharsets.UTF_8)).toList();
    }

    /** The directory node linking {@code children} under {@code names} (same order), emitted to the sink. */
    private ImportedEntry directory(String relative, List<String> names, List<ImportedEntry> children, String where)
            throws IOException {
        List<PBLink> links = new ArrayList<>(children.size());
        long size = 0;
        long childrenDagSize = 0;
        for (int i = 0; i < children.size(); i++) {
            ImportedEntry child = children.get(i);
            links.add(PBLink.of(child.cid(), names.get(i), child.dagSize()));
            size += child.size();
            childrenDagSize += child.dagSize();
        }
        byte[] encoded = PBNode.of(links, DIRECTORY_DATA).encode();
        if (encoded.length >= HAMT_SHARDING_SIZE) {
            throw tooBigForFlatDirectory(where, encoded.length + " bytes of entries");
        }
        Cid cid = emit(profile.cidVersion(), Multicodec.DAG_PB, encoded);
        return new ImportedEntry(relative, cid, true, size, encoded.length + childrenDagSize);
    }

    private static UnsupportedContentException tooBigForFlatDirectory(String dir, String what) {
        return new UnsupportedContentException("directory " + dir + " has " + what
                + "; Kubo and ipfs-car would store it as a HAMT-sharded directory, which is not supported (limits: "
                + MAX_DIRECTORY_ENTRIES + " entries, " + HAMT_SHARDING_SIZE + " bytes)");
    }

    private ImportedEntry importFile(InputStream in, String relative) throws IOException {
        BalancedLayout layout = new BalancedLayout();
        int chunkSize = profile.chunkSize();
        byte[] reused = profile.rawLeaves() ? null : new byte[chunkSize];
        boolean empty = true;
        while (true) {
            byte[] chunk = reused != null ? reused : new byte[chunkSize];
            int read = in.readNBytes(chunk, 0, chunkSize);
            if (read == 0 && !empty) {
                break;
            }
            empty = false;
            layout.add(0, leaf(chunk, read));
            if (read < chunkSize) {
                break;
            }
        }
        Node root = layout.finish();
        return new ImportedEntry(relative, root.cid(), false, root.contentSize(), root.dagSize());
    }

    /** A leaf for {@code chunk[0, length)}; a raw leaf keeps the array, so it must not be reused then. */
    private Node leaf(byte[] chunk, int length) throws IOException {
        if (profile.rawLeaves()) {
            byte[] data = length == chunk.length ? chunk : Arrays.copyOf(chunk, length);
            return new Node(emit(1, Multicodec.RAW, data), length, length);
        }
        byte[] encoded = dagPbLeaf(chunk, length);
        return new Node(emit(profile.cidVersion(), Multicodec.DAG_PB, encoded), length, encoded.length);
    }

    /**
     * The dag-pb leaf {@code PBNode{Data: UnixFS{Type: File, Data: chunk, filesize}}} with a single copy of the
     * chunk; the same bytes as {@code PBNode.of(List.of(), UnixFsData.file(chunk, n, {}).encode()).encode()}.
     */
    static byte[] dagPbLeaf(byte[] chunk, int length) {
        if (length == 0) {
            return PBNode.of(List.of(), UnixFsData.file(null, 0, new long[0]).encode()).encode();
        }
        int unixfsLength = 2 + 1 + Varint.size(length) + length + 1 + Varint.size(length);
        byte[] block = new byte[1 + Varint.size(unixfsLength) + unixfsLength];
        int at = 0;
        block[at++] = 0x0a; // PBNode.Data
        at = Varint.write(unixfsLength, block, at);
        block[at++] = 0x08; // UnixFS Type
        block[at++] = 0x02; // File
        block[at++] = 0x12; // UnixFS Data
        at = Varint.write(length, block, at);
        System.arraycopy(chunk, 0, block, at, length);
        at += length;
        block[at++] = 0x18; // filesize
        Varint.write(length, block, at);
        return block;
    }

    private Cid emit(int version, Multicodec codec, byte[] data) throws IOException {
        Block block = Block.of(version, codec, data);
        sink.accept(block);
        return block.cid();
    }

    /** A link in the making: CID, file bytes below it, cumulative block bytes below it. */
    private record Node(Cid cid, long contentSize, long dagSize) {
    }

    /**
     * Kubo's balanced layout, built bottom-up: every {@code maxLinks} nodes of one level become a node of
     * the next level as soon as they are complete; at the end, partial levels are closed upwards until one
     * node remains. Memory: at most {@code maxLinks} pending links per level.
     */
    private final class BalancedLayout {
        private final List<List<Node>> levels = new ArrayList<>();

        void add(int level, Node node) throws IOException {
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            List<Node> pending = levels.get(level);
            pending.add(node);
            if (pending.size() == profile.maxLinks()) {
                Node parent = parent(pending);
                pending.clear();
                add(level + 1, parent);
            }
        }

        Node finish() throws IOException {
            for (int level = 0; ; level++) {
                List<Node> pending = levels.get(level);
                boolean top = levels.subList(level + 1, levels.size()).stream().allMatch(List::isEmpty);
                if (top && pending.size() == 1) {
                    return pending.get(0);
                }
                if (!pending.isEmpty()) {
                    Node parent = parent(pending);
                    pending.clear();
                    add(level + 1, parent);
                }
            }
        }

        private Node parent(List<Node> children) throws IOException {
            List<PBLink> links = new ArrayList<>(children.size());
            long[] blocksizes = new long[children.size()];
            long contentSize = 0;
            long childrenDagSize = 0;
            for (int i = 0; i < children.size(); i++) {
                Node child = children.get(i);
                links.add(PBLink.of(child.cid(), "", child.dagSize()));
                blocksizes[i] = child.contentSize();
                contentSize += child.contentSize();
                childrenDagSize += child.dagSize();
            }
            byte[] encoded = PBNode.of(links, UnixFsData.file(null, contentSize, blocksizes).encode()).encode();
            Cid cid = emit(profile.cidVersion(), Multicodec.DAG_PB, encoded);
            return new Node(cid, contentSize, encoded.length + childrenDagSize);
        }
    }
}
