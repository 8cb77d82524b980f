package org.phasic.traces.adapter.cloud;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobNotFoundException;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;
import org.phasic.traces.ports.out.BlobStreams;

/**
 * A {@link BlobStore} in a folder, e.g. on a shared network drive. A key {@code a/b} is the file
 * {@code <folder>/a/b}; its SHA-256 and size are kept in {@code <folder>/.checksums/a/b.sha256}.
 *
 * <p>Content is written to a hidden temporary file in the target's folder, flushed to disk and
 * then renamed over the target atomically, so readers see the old or the new file, never a part.
 * The checksum file is replaced (atomically) just before the content, so a reader racing an
 * overwrite of the same key may see a checksum mismatch, never a false match. Dot-names are
 * reserved for this bookkeeping; they cannot be keys (see {@link BlobKeys}). Unlike object stores,
 * a key cannot be both a file and the folder of another key ({@code a} and {@code a/b}).
 */
public final class FileSystemBlobStore implements BlobStore {

    /** Folder, under the root, of the checksum files. */
    public static final String CHECKSUMS = ".checksums";
    /** Suffix of checksum files. */
    public static final String CHECKSUM_SUFFIX = ".sha256";

    private final Path root;

    /** @param directory the folder holding the blobs; created on the first put */
    public FileSystemBlobStore(Path directory) {
        this.root = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** @return a store in {@code <folder>/<prefix>} after validating the prefix like a key */
    public static FileSystemBlobStore of(Path folder, String prefix) {
        String valid = BlobKeys.requireValidPrefix(prefix);
        return new FileSystemBlobStore(valid.isEmpty() ? folder : resolve(folder, valid));
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length) throws IOException {
        Path target = file(key);
        Path checksum = checksumFile(key);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectories(checksum.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            try {
                String sha256 = writeSynced(temp, out -> BlobStreams.copyExactly(content, out, length, key));
                replaceAtomically(checksum, sha256 + " " + length + "\n");
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return BlobInfo.of(key, length, sha256);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (BlobStoreException e) {
            throw e;
        } catch (IOException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        BlobInfo info = stat(key).orElseThrow(() -> new BlobNotFoundException(location(), key));
        try {
            return BlobStreams.verifying(Files.newInputStream(file(key)), info);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(location(), key);
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        Path target = file(key);
        try {
            if (!Files.isRegularFile(target)) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, Files.size(target), recordedSha256(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public List<BlobInfo> list(String keyPrefix) throws IOException {
        BlobKeys.requireValidListPrefix(keyPrefix);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BlobInfo> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Optional<String> key = keyOf(root.relativize(path));
                if (key.isPresent() && key.get().startsWith(keyPrefix)) {
                    result.add(new BlobInfo(key.get(), Files.size(path), recordedSha256(key.get())));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BlobStoreException("listing '" + keyPrefix + "' in " + location() + " failed: " + e.getMessage(), e);
        }
        result.sort(ObjectNames.BY_KEY);
        return result;
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            Files.deleteIfExists(file(key));
            Files.deleteIfExists(checksumFile(key));
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "FileSystemBlobStore[" + location() + "]";
    }

    private Optional<String> recordedSha256(String key) throws IOException {
        try {
            String line = Files.readString(checksumFile(key), StandardCharsets.US_ASCII).strip();
            String sha256 = line.split(" ", 2)[0];
            return Sha256.isHex(sha256) ? Optional.of(sha256) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void replaceAtomically(Path target, String text) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            writeSynced(temp, out -> {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
                return null;
            });
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static <T> T writeSynced(Path file, Writer<T> writer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            T result = writer.write(out);
            out.flush();
            channel.force(true);
            return result;
        }
    }

    private static Optional<String> keyOf(Path relative) {
        StringBuilder key = new StringBuilder();
        for (Path segment : relative) {
            String name = segment.toString();
            if (name.startsWith(".")) {
                return Optional.empty();
            }
            key.append(key.length() == 0 ? "" : "/").append(name);
        }
        return ObjectNames.keyOf(key.toString(), "");
    }

    private Path file(String key) {
        return resolve(root, BlobKeys.requireValidKey(key));
    }

    private Path checksumFile(String key) {
        return resolve(root.resolve(CHECKSUMS), BlobKeys.requireValidKey(key) + CHECKSUM_SUFFIX);
    }

    private static Path resolve(Path base, String key) {
        Path path = base;
        for (String segment : key.split("/")) {
            path = path.resolve(segment);
        }
        if (!path.normalize().startsWith(base.normalize())) {
            throw new IllegalArgumentException("blob key '" + key + "' resolves outside " + base);
        }
        return path;
    }

    private BlobStoreException failure(String operation, String key, IOException e) {
        return new BlobStoreException("file store " + operation + " of '" + key + "' in " + location() + " failed: " + e, e);
    }

    @FunctionalInterface
    private interface Writer<T> {
        T write(OutputStream out) throws IOException;
    }
}
