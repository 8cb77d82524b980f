package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.in.StoredTraceInfo;

/**
 * The verified block index on disk, so that a restart does not re-derive every stored trace. One file, written whole
 * through a unique staging file renamed into place; it ends with the SHA-256 of everything before it, and each trace
 * carries the stamp of the store entry it was derived from. A file that is truncated, edited or of another format
 * fails {@link #read} and is rebuilt; a trace whose stamp no longer matches the store is re-derived. Nothing read here
 * is trusted beyond saving work: every block served is still checked against its CID as it is read.
 */
final class BlockIndexFile {
    private static final byte[] MAGIC = "phasic-traces block index\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    /** A larger file is not read (it would be rebuilt). */
    private static final long MAX_BYTES = 64L << 20;

    private final Path file;
    private final Path folder;

    BlockIndexFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.folder = this.file.getParent();
    }

    Path path() {
        return file;
    }

    /**
     * What a proven trace was derived from: the store entry as {@link StoredTraceInfo} lists it. The directory CID fixes
     * every byte of the trace; the file count and size catch a reference rewritten under the same CID.
     */
    record Stamp(String id, String rootCid, int files, long bytes) {
        static Stamp of(StoredTraceInfo info) {
            return new Stamp(info.id().value(), info.rootCid(), info.files(), info.bytes());
        }

        String key() {
            return id + "@" + rootCid;
        }
    }

    /** A proven trace: its stamp and its blocks. */
    record Proven(Stamp stamp, VerifiedBlockIndex.Derived derived) {
    }

    /**
     * What a valid file holds.
     *
     * @param traces the proven traces whose stored files are all still there
     * @param stale  how many recorded traces name a stored file that is gone (left out of {@code traces})
     */
    record Contents(List<Proven> traces, int stale) {
    }

    /** Why a file on disk was not used. */
    static final class InvalidIndexException extends IOException {
        InvalidIndexException(String message) {
            super(message);
        }
    }

    /**
     * The proven traces recorded in the file, or empty when there is no file.
     *
     * @throws InvalidIndexException when the file is truncated, altered or of another version
     * @throws IOException           when it cannot be read
     */
    Optional<Contents> read() throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidIndexException("larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        if (bytes.length < MAGIC.length + DIGEST_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidIndexException("not a block index (truncated or another format)");
        }
        int end = bytes.length - DIGEST_BYTES;
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes, 0, end);
        if (!MessageDigest.isEqual(digest.digest(), Arrays.copyOfRange(bytes, end, bytes.length))) {
            throw new InvalidIndexException("its checksum does not match its content (truncated or edited)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, end - MAGIC.length))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidIndexException("format version " + version + ", this version reads " + VERSION);
            }
            int traces = count(in);
            List<Proven> proven = new ArrayList<>(traces);
            int stale = 0;
            for (int i = 0; i < traces; i++) {
                Optional<Proven> trace = readTrace(in);
                trace.ifPresent(proven::add);
                stale += trace.isEmpty() ? 1 : 0;
            }
            if (in.available() != 0) {
                throw new InvalidIndexException("trailing bytes after the last trace");
            }
            return Optional.of(new Contents(proven, stale));
        } catch (EOFException | InvalidCidException | IllegalArgumentException e) {
            throw new InvalidIndexException("malformed (" + e.getMessage() + ")");
        }
    }

    /** The next trace, or empty (after reading it) when one of its stored files is gone. */
    private Optional<Proven> readTrace(DataInputStream in) throws IOException {
        Stamp stamp = new Stamp(in.readUTF(), in.readUTF(), in.readInt(), in.readLong());
        int fileCount = count(in);
        List<Path> files = new ArrayList<>(fileCount);
        boolean complete = true;
        for (int i = 0; i < fileCount; i++) {
            Path path = folder.resolve(in.readUTF()).normalize();
            complete &= Files.isRegularFile(path);
            files.add(path);
        }
        int blockCount = count(in);
        Map<Cid, VerifiedBlockIndex.Location> blocks = new HashMap<>(blockCount * 2);
        for (int i = 0; i < blockCount; i++) {
            Cid cid = readCid(in);
            int kind = in.readUnsignedByte();
            if (kind == 0) {
                byte[] data = new byte[count(in)];
                in.readFully(data);
                blocks.put(cid, new VerifiedBlockIndex.Inline(data));
            } else if (kind == 1 || kind == 2) {
                int fileIndex = in.readInt();
                if (fileIndex < 0 || fileIndex >= files.size()) {
                    throw new InvalidIndexException("a block names file " + fileIndex + " of " + files.size());
                }
                long offset = in.readLong();
                int length = in.readInt();
                if (offset < 0 || length < 0) {
                    throw new InvalidIndexException("a negative file range");
                }
                blocks.put(cid, new VerifiedBlockIndex.Chunk(files.get(fileIndex), offset, length, kind == 1));
            } else {
                throw new InvalidIndexException("unknown block kind " + kind);
            }
        }
        int entryCount = count(in);
        Map<Cid, VerifiedBlockIndex.EntryInfo> entries = new HashMap<>(entryCount * 2);
        for (int i = 0; i < entryCount; i++) {
            entries.put(readCid(in), new VerifiedBlockIndex.EntryInfo(in.readBoolean(), in.readLong()));
        }
        return complete ? Optional.of(new Proven(stamp, new VerifiedBlockIndex.Derived(blocks, entries))) : Optional.empty();
    }

    private static Cid readCid(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return Cid.fromBytes(bytes);
    }

    private static void writeCid(Cid cid, DataOutputStream out) throws IOException {
        byte[] bytes = cid.toBytes();
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new InvalidIndexException("a count of " + count + " where " + in.available() + " bytes are left");
        }
        return count;
    }

    /** Replaces the file with {@code proven}: written to a unique staging file beside it, then renamed over it. */
    void write(Iterable<Proven> proven) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        bytes.write(MAGIC);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            List<Proven> all = new ArrayList<>();
            proven.forEach(all::add);
            out.writeInt(all.size());
            for (Proven trace : all) {
                writeTrace(trace, out);
            }
        }
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes.toByteArray());
        bytes.write(digest.digest());
        Files.createDirectories(folder);
        Path staged = folder.resolve(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        try {
            Files.write(staged, bytes.toByteArray(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically (" + folder + ")", e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void writeTrace(Proven trace, DataOutputStream out) throws IOException {
        Stamp stamp = trace.stamp();
        out.writeUTF(stamp.id());
        out.writeUTF(stamp.rootCid());
        out.writeInt(stamp.files());
        out.writeLong(stamp.bytes());
        Map<Path, Integer> files = new LinkedHashMap<>();
        trace.derived().blocks().values().forEach(location -> {
            if (location instanceof VerifiedBlockIndex.Chunk chunk) {
                files.putIfAbsent(chunk.file(), files.size());
            }
        });
        out.writeInt(files.size());
        for (Path path : files.keySet()) {
            out.writeUTF(folder.relativize(path.toAbsolutePath().normalize()).toString());
        }
        out.writeInt(trace.derived().blocks().size());
        for (Map.Entry<Cid, VerifiedBlockIndex.Location> block : trace.derived().blocks().entrySet()) {
            writeCid(block.getKey(), out);
            if (block.getValue() instanceof VerifiedBlockIndex.Inline inline) {
                out.writeByte(0);
                out.writeInt(inline.data().length);
                out.write(inline.data());
            } else {
                VerifiedBlockIndex.Chunk chunk = (VerifiedBlockIndex.Chunk) block.getValue();
                out.writeByte(chunk.raw() ? 1 : 2);
                out.writeInt(files.get(chunk.file()));
                out.writeLong(chunk.offset());
                out.writeInt(chunk.length());
            }
        }
        out.writeInt(trace.derived().entries().size());
        for (Map.Entry<Cid, VerifiedBlockIndex.EntryInfo> entry : trace.derived().entries().entrySet()) {
            writeCid(entry.getKey(), out);
            out.writeBoolean(entry.getValue().directory());
            out.writeLong(entry.getValue().size());
        }
    }
}
