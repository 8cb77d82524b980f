package org.phasic.traces.domain.unixfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.ContentNotFoundException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.UnsafePathException;
import org.phasic.traces.domain.cid.UnsupportedContentException;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.dag.VerifiedBlockSource;

/**
 * Rebuilds files and directory trees from untrusted blocks. Every block is verified against its CID before
 * it is used (identity CIDs carry their block inline; bytes the source {@linkplain BlockSource#hasVerified vouches}
 * it hashed already, such as a {@link VerifiedBlockSource}'s blocks, are not hashed again), UnixFS structure is checked (blocksizes, filesize,
 * entry names), and {@link ReassemblyLimits} bound the work. Unknown codecs, HAMT shards and symlinks are
 * refused; a link back to an ancestor is refused as a cycle.
 *
 * <p>File bytes are streamed in order as blocks arrive, so output produced before an exception must be
 * discarded by the caller (write to a temporary file, then rename). When {@link #writeTree} writes over a source
 * that is a {@link LeafPlacement}, raw leaves are not streamed: the source copies each one, verified, to its
 * position in its file on threads of its own, and {@code writeTree} returns only after every leaf was placed. Paths are '/'-separated entry names
 * below the root, e.g. {@code trace.json.gz}; "" or null means the root itself.
 */
public final class Reassembler {

    /** How blocks are checked against CIDs; replaceable only by tests simulating a hash collision. */
    @FunctionalInterface
    interface BlockVerifier {
        boolean matches(Cid cid, byte[] block);
    }

    private final ReassemblyLimits limits;
    private final BlockVerifier verifier;

    public Reassembler() {
        this(ReassemblyLimits.DEFAULTS);
    }

    public Reassembler(ReassemblyLimits limits) {
        this(limits, Cid::matches);
    }

    Reassembler(ReassemblyLimits limits, BlockVerifier verifier) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    public ReassemblyLimits limits() {
        return limits;
    }

    /** Streams the file {@code root} to {@code out}; returns the number of bytes written. */
    public long writeFile(Cid root, BlockSource source, OutputStream out) throws IOException {
        return writeFile(root, "", source, out);
    }

    /**
     * Streams the file at {@code root/path} to {@code out}.
     *
     * @return the number of bytes written
     * @throws ContentNotFoundException     if a block or a path entry is missing
     * @throws CorruptContentException      if a block does not match its CID or is malformed
     * @throws UnsupportedContentException  if the target is a directory, or content is not UnixFS
     * @throws ContentLimitException        if a limit is exceeded
     * @throws IOException                  if the source or {@code out} fails
     */
    public long writeFile(Cid root, String path, BlockSource source, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        Walk walk = new Walk(source);
        Located target = walk.locate(root, path);
        if (target.node().isDirectory()) {
            throw new UnsupportedContentException(target.node().cid() + " is a directory, not a file; name a file"
                    + " inside it (e.g. " + target.node().cid() + "/trace.json.gz)");
        }
        return walk.emitFile(target.node(), target.depth(), out);
    }

    /** Writes the tree {@code root} under {@code targetDir}; see {@link #writeTree(Cid, String, BlockSource, Path)}. */
    public ReassemblySummary writeTree(Cid root, BlockSource source, Path targetDir) throws IOException {
        return writeTree(root, "", source, targetDir);
    }

    /**
     * Writes the content at {@code root/path} under {@code targetDir} (created if missing): a directory's
     * entries become files and folders in {@code targetDir}; a file becomes {@code targetDir/<name>}, its name
     * being the last path component, or the CID when there is no path. Existing files are never overwritten.
     * Every entry name is checked with {@link SafePaths} before anything in its directory is written.
     *
     * @throws UnsafePathException if an entry name is unsafe
     * @throws java.nio.file.FileAlreadyExistsException if a file or folder to write exists already
     */
    public ReassemblySummary writeTree(Cid root, String path, BlockSource source, Path targetDir)
            throws IOException {
        Files.createDirectories(targetDir);
        if (!(source instanceof LeafPlacement placement)) {
            return walkTree(root, path, source, new FileSystemTarget(targetDir, null));
        }
        PlacedFiles files = new PlacedFiles(placement);
        try {
            ReassemblySummary summary = walkTree(root, path, source, new FileSystemTarget(targetDir, files));
            files.finish();
            return summary;
        } finally {
            files.abandon();
        }
    }

    /** Walks and verifies the whole tree (or file) at {@code root}, writing nothing. */
    public ReassemblySummary verifyTree(Cid root, BlockSource source) throws IOException {
        return walkTree(root, "", source, NullTarget.INSTANCE);
    }

    /** The CID at {@code root/path}, fetching and verifying the directories on the way. */
    public Cid resolve(Cid root, String path, BlockSource source) throws IOException {
        return new Walk(source).locate(root, path).node().cid();
    }

    private ReassemblySummary walkTree(Cid root, String path, BlockSource source, TreeTarget target)
            throws IOException {
        Walk walk = new Walk(source);
        Located located = walk.locate(root, path);
        Node node = located.node();
        if (node.isDirectory()) {
            walk.emitDirectory(node, located.depth(), target);
        } else {
            String name = path == null || path.isEmpty() ? root.toString() : lastComponent(path);
            walk.emitFileEntry(node, located.depth(), target, name);
        }
        return walk.summary();
    }

    private static String lastComponent(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Where a tree walk puts what it finds. */
    private interface TreeTarget {
        TreeTarget directory(String name) throws IOException;

        OutputStream file(String name) throws IOException;
    }

    /** Files and folders under {@code dir}; with {@code placed}, files whose raw leaves the source places. */
    private record FileSystemTarget(Path dir, PlacedFiles placed) implements TreeTarget {
        @Override
        public TreeTarget directory(String name) throws IOException {
            return new FileSystemTarget(Files.createDirectory(SafePaths.resolveChild(dir, name)), placed);
        }

        @Override
        public OutputStream file(String name) throws IOException {
            Path file = SafePaths.resolveChild(dir, name);
            return placed == null
                    ? Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : placed.open(file);
        }
    }

    /**
     * The files of one {@link #writeTree} whose raw leaves a {@link LeafPlacement} writes: their channels stay open
     * until the placements into them are done (waited for in batches, so that a tree of many files does not hold
     * many open).
     */
    private static final class PlacedFiles {
        private static final int MAX_OPEN = 64;
        private final LeafPlacement placement;
        private final List<FileChannel> open = new ArrayList<>();

        PlacedFiles(LeafPlacement placement) {
            this.placement = placement;
        }

        PlacedOutput open(Path file) throws IOException {
            if (open.size() >= MAX_OPEN) {
                finish();
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            open.add(channel);
            return new PlacedOutput(channel, placement);
        }

        /** Waits for the placements; closes the files. */
        void finish() throws IOException {
            placement.awaitPlaced();
            closeAll();
        }

        /** After a failure (or after {@link #finish()}): waits for the placements, ignoring theirs, and closes. */
        void abandon() throws IOException {
            try {
                placement.awaitPlaced();
            } catch (IOException | RuntimeException | Error e) {
                // the walk's own failure, or the first placement's (an error too), is already on its way
            }
            closeAll();
        }

        private void closeAll() throws IOException {
            IOException failed = null;
            for (FileChannel channel : open) {
                try {
                    channel.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            open.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** A file written at positions: bytes in order from the walk, raw leaves placed by the source. */
    private static final class PlacedOutput extends OutputStream {
        private final FileChannel channel;
        private final LeafPlacement placement;
        private long position;

        PlacedOutput(FileChannel channel, LeafPlacement placement) {
            this.channel = channel;
            this.placement = placement;
        }

        /** The length of {@code leaf} if the source can place it, else empty (then it is fetched and written). */
        OptionalLong placeable(Cid leaf) {
            return leaf.codec() == Multicodec.RAW && !leaf.isIdentity() ? placement.blockLength(leaf) : OptionalLong.empty();
        }

        void place(Cid leaf, long length) throws IOException {
            placement.place(leaf, channel, position);
            position += length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }

        /** The channel stays open for the placements; {@link PlacedFiles} closes it. */
        @Override
        public void close() {
        }
    }

    private enum NullTarget implements TreeTarget {
        INSTANCE;

        @Override
        public TreeTarget directory(String name) {
            return this;
        }

        @Override
        public OutputStream file(String name) {
            return OutputStream.nullOutputStream();
        }
    }

    /** A verified, decoded block: raw bytes, or a dag-pb node with its UnixFS data. */
    private record Node(Cid cid, byte[] raw, PBNode pb, UnixFsData unixfs) {
        boolean isDirectory() {
            return unixfs != null && unixfs.type() == UnixFsData.Type.DIRECTORY;
        }

        List<PBLink> links() {
            return pb == null ? List.of() : pb.links();
        }
    }

    private record Located(Node node, int depth) {
    }

    /** The state of one operation: counters, limits, the ancestors of the current node. */
    private final class Walk {
        private final BlockSource source;
        private final Set<Cid> ancestors = new HashSet<>();
        private long blocks;
        private long bytes;
        private long files;
        private long directories;

        Walk(BlockSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        ReassemblySummary summary() {
            return new ReassemblySummary(files, directories, bytes, blocks);
        }

        Located locate(Cid root, String path) throws IOException {
            Objects.requireNonNull(root, "root");
            ancestors.add(root);
            Node node = load(root, 0);
            int depth = 0;
            if (path == null || path.isEmpty()) {
                return new Located(node, depth);
            }
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            for (String name : trimmed.split("/", -1)) {
                if (name.isEmpty() && trimmed.endsWith("/")) {
                    continue;
                }
                SafePaths.requireSafeName(name);
                if (!node.isDirectory()) {
                    throw new ContentNotFoundException("cannot look up '" + name + "' in " + node.cid()
                            + ": it is not a directory", node.cid());
                }
                Node directory = node;
                PBLink link = entry(directory, name).orElseThrow(() -> new ContentNotFoundException(
                        "no entry '" + name + "' in directory " + directory.cid(), directory.cid()));
                depth++;
                node = enter(link.hash(), depth);
            }
            return new Located(node, depth);
        }

        private Optional<PBLink> entry(Node directory, String name) {
            PBLink found = null;
            for (PBLink link : directory.links()) {
                if (name.equals(link.name())) {
                    if (found != null) {
                        throw duplicateEntry(directory, name);
                    }
                    found = link;
                }
            }
            return Optional.ofNullable(found);
        }

        /** Enters a child: refuses cycles, loads it. The caller calls {@link #leave} when done. */
        private Node enter(Cid child, int depth) throws IOException {
            if (!ancestors.add(child)) {
                throw new CorruptContentException("link cycle: " + child + " links back to itself through its"
                        + " descendants");
            }
            return load(child, depth);
        }

        private void leave(Cid child) {
            ancestors.remove(child);
        }

        long emitFile(Node node, int depth, OutputStream out) throws IOException {
            if (node.raw() != null) {
                write(out, node.raw(), 0, node.raw().length);
                return node.raw().length;
            }
            UnixFsData data = node.unixfs();
            if (data.type() != UnixFsData.Type.FILE && data.type() != UnixFsData.Type.RAW) {
                throw new CorruptContentException("file node links to " + node.cid() + ", which is a "
                        + data.type().name().toLowerCase(Locale.ROOT));
            }
            List<PBLink> links = node.links();
            if (data.blocksizeCount() != links.size()) {
                throw new CorruptContentException("file node " + node.cid() + " has " + links.size()
                        + " links but " + data.blocksizeCount() + " blocksizes");
            }
            checkTotal(data.dataLength());
            data.writeDataTo(out);
            bytes += data.dataLength();
            long written = data.dataLength();
            for (int i = 0; i < links.size(); i++) {
                Cid childCid = links.get(i).hash();
                OptionalLong placeable = out instanceof PlacedOutput placed ? placed.placeable(childCid)
                        : OptionalLong.empty();
                long childBytes;
                if (placeable.isPresent()) {
                    childBytes = placeLeaf((PlacedOutput) out, childCid, placeable.getAsLong(), depth + 1);
                } else {
                    childBytes = emitFile(enter(childCid, depth + 1), depth + 1, out);
                    leave(childCid);
                }
                if (childBytes != data.blocksize(i)) {
                    throw new CorruptContentException("file node " + node.cid() + ": child " + i + " (" + childCid
                            + ") holds " + childBytes + " bytes but blocksizes says " + data.blocksize(i));
                }
                written += childBytes;
            }
            if (data.filesize() >= 0 && data.filesize() != written) {
                throw new CorruptContentException("file node " + node.cid() + ": filesize says " + data.filesize()
                        + " bytes but it holds " + written);
            }
            return written;
        }

        void emitFileEntry(Node node, int depth, TreeTarget target, String name) throws IOException {
            try (OutputStream out = target.file(name)) {
                emitFile(node, depth, out);
            }
            files++;
        }

        void emitDirectory(Node directory, int depth, TreeTarget target) throws IOException {
            List<PBLink> links = directory.links();
            Set<String> names = new HashSet<>();
            for (PBLink link : links) {
                if (link.name() == null) {
                    throw new CorruptContentException("directory " + directory.cid() + " has an entry without a name");
                }
                try {
                    SafePaths.requireSafeName(link.name());
                } catch (UnsafePathException e) {
                    throw new UnsafePathException("directory " + directory.cid() + ": " + e.getMessage());
                }
                if (!names.add(link.name())) {
                    throw duplicateEntry(directory, link.name());
                }
            }
            directories++;
            for (PBLink link : links) {
                Node child = enter(link.hash(), depth + 1);
                if (child.isDirectory()) {
                    emitDirectory(child, depth + 1, target.directory(link.name()));
                } else {
                    emitFileEntry(child, depth + 1, target, link.name());
                }
                leave(link.hash());
            }
        }

        private CorruptContentException duplicateEntry(Node directory, String name) {
            return new CorruptContentException("directory " + directory.cid() + " has two entries named '" + name
                    + "'");
        }

        private void write(OutputStream out, byte[] data, int offset, int length) throws IOException {
            checkTotal(length);
            out.write(data, offset, length);
            bytes += length;
        }

        private void checkTotal(long more) {
            if (bytes + more > limits.maxTotalBytes()) {
                throw new ContentLimitException("content exceeds the limit of " + limits.maxTotalBytes() + " bytes");
            }
        }

        /** Has the source place raw leaf {@code leaf} of {@code length} bytes, under the limits a fetch meets. */
        private long placeLeaf(PlacedOutput out, Cid leaf, long length, int depth) throws IOException {
            checkDepth(leaf, depth);
            countBlock(leaf, length);
            checkTotal(length);
            out.place(leaf, length);
            bytes += length;
            return length;
        }

        private void checkDepth(Cid cid, int depth) {
            if (depth > limits.maxDepth()) {
                throw new ContentLimitException("DAG deeper than " + limits.maxDepth() + " levels at " + cid);
            }
        }

        private void countBlock(Cid cid, long length) {
            if (++blocks > limits.maxBlocks()) {
                throw new ContentLimitException("more than " + limits.maxBlocks() + " blocks");
            }
            if (length > limits.maxBlockBytes()) {
                throw new ContentLimitException("block " + cid + " has " + length + " bytes, more than the limit of "
                        + limits.maxBlockBytes());
            }
        }

        private Node load(Cid cid, int depth) throws IOException {
            checkDepth(cid, depth);
            byte[] block = fetchVerified(cid);
            return switch (cid.codec()) {
                case RAW -> new Node(cid, block, null, null);
                case DAG_PB -> decodeUnixFs(cid, block);
                default -> throw new UnsupportedContentException("block " + cid + " is " + cid.codec()
                        + "; only UnixFS (dag-pb and raw blocks) can be reassembled");
            };
        }

        private byte[] fetchVerified(Cid cid) throws IOException {
            if (cid.isIdentity()) {
                countBlock(cid, 0);
                return cid.multihash().digest();
            }
            if (blocks + 1 > limits.maxBlocks()) {
                throw new ContentLimitException("more than " + limits.maxBlocks() + " blocks");
            }
            byte[] block = source.fetch(cid).orElseThrow(() -> new ContentNotFoundException("block " + cid + " not found", cid));
            countBlock(cid, block.length);
            if (!source.hasVerified(cid, block) && !verifier.matches(cid, block)) {
                OptionalLong offset = source.offsetOf(cid);
                String where = offset.isPresent() ? " (section at byte offset " + offset.getAsLong() + ")" : "";
                throw new CorruptContentException("block hash mismatch: the " + block.length + " bytes received for "
                        + cid + where + " do not hash to it", offset.orElse(-1));
            }
            return block;
        }

        private Node decodeUnixFs(Cid cid, byte[] block) {
            PBNode node;
            UnixFsData data;
            try {
                node = PBNode.decode(block);
                if (!node.hasData()) {
                    throw new CorruptContentException("no UnixFS Data field");
                }
                data = node.decodeData(UnixFsData::decode);
            } catch (CorruptContentException e) {
                throw new CorruptContentException("block " + cid + ": " + e.getMessage(), e);
            }
            if (node.links().size() > limits.maxLinksPerNode()) {
                throw new ContentLimitException("block " + cid + " has " + node.links().size()
                        + " links, more than the limit of " + limits.maxLinksPerNode());
            }
            return switch (data.type()) {
                case FILE, RAW, DIRECTORY -> new Node(cid, null, node, data);
                case HAMT_SHARD -> throw new UnsupportedContentException(cid
                        + " is a HAMT-sharded directory, which is not supported");
                case SYMLINK -> throw new UnsupportedContentException(cid + " is a symbolic link, which is not supported");
                case METADATA -> throw new UnsupportedContentException(cid + " is a UnixFS metadata node, which is not supported");
            };
        }
    }
}
