package org.phasic.traces.adapter.ipfs.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * Extracts a tar stream (ustar, PAX and GNU long names) into a folder, refusing anything unsafe:
 * absolute names, {@code .}/{@code ..} segments, names the {@link EntryNameCheck} refuses, links,
 * devices and FIFOs, and any path that would land outside the folder or pass through a symbolic
 * link. Header checksums, sizes and the entry count are checked as it streams.
 */
public final class SafeTarExtractor {

    private static final int BLOCK = 512;
    private static final int MAX_METADATA_BYTES = 1 << 20;

    private final EntryNameCheck nameCheck;
    private final long maxTotalBytes;
    private final int maxEntries;

    /**
     * @param nameCheck     decides whether each path segment is an acceptable name
     * @param maxTotalBytes the most file content to write
     * @param maxEntries    the most files and folders to create
     */
    public SafeTarExtractor(EntryNameCheck nameCheck, long maxTotalBytes, int maxEntries) {
        this.nameCheck = Objects.requireNonNull(nameCheck, "nameCheck");
        if (maxTotalBytes < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntries = maxEntries;
    }

    /** An extractor with {@link BasicEntryNameCheck}, no byte limit and at most a million entries. */
    public static SafeTarExtractor withBasicChecks() {
        return new SafeTarExtractor(new BasicEntryNameCheck(), Long.MAX_VALUE, 1_000_000);
    }

    /**
     * Extracts {@code tar} below {@code target} (created if missing), reading up to and including the
     * end-of-archive block.
     *
     * @return the files and folders written, in archive order
     * @throws UnsafeArchiveException if the archive is malformed or contains an entry it refuses
     */
    public List<Path> extract(InputStream tar, Path target) throws IOException {
        Objects.requireNonNull(tar, "tar");
        Files.createDirectories(target);
        Path root = target.toRealPath();
        List<Path> written = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        Map<String, String> pax = Map.of();
        String longName = null;
        long totalBytes = 0;
        while (true) {
            if (!readBlock(tar, header)) {
                throw new UnsafeArchiveException("tar stream ended before its end-of-archive block");
            }
            if (isZero(header)) {
                return written;
            }
            TarHeader entry = TarHeader.parse(header);
            switch (entry.type()) {
                case 'x' -> {
                    pax = parsePax(readMetadata(tar, entry));
                    continue;
                }
                case 'g' -> {
                    readMetadata(tar, entry);
                    continue;
                }
                case 'L' -> {
                    longName = cString(readMetadata(tar, entry), 0, (int) entry.size());
                    continue;
                }
                default -> {
                }
            }
            String name = pax.getOrDefault("path", longName != null ? longName : entry.name());
            long size = pax.containsKey("size") ? parseSize(pax.get("size")) : entry.size();
            pax = Map.of();
            longName = null;
            if (written.size() >= maxEntries) {
                throw new UnsafeArchiveException("tar has more than " + maxEntries + " entries");
            }
            switch (entry.type()) {
                case '0', '\0', '7' -> {
                    totalBytes += size;
                    if (totalBytes > maxTotalBytes || totalBytes < 0) {
                        throw new UnsafeArchiveException("tar content exceeds the limit of " + maxTotalBytes + " bytes");
                    }
                    written.add(writeFile(tar, root, name, size));
                }
                case '5' -> {
                    Path dir = destination(root, name);
                    createFolders(root, dir);
                    written.add(dir);
                    skipPadded(tar, size);
                }
                case '1', '2', 'K' -> throw refused(name, "links are not extracted");
                case '3', '4', '6' -> throw refused(name, "devices and FIFOs are not extracted");
                default -> throw refused(name, "unsupported tar entry type '" + UntrustedText.printable(entry.type()) + "'");
            }
        }
    }

    private Path writeFile(InputStream tar, Path root, String name, long size) throws IOException {
        Path file = destination(root, name);
        createFolders(root, file.getParent());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            throw refused(name, file + " exists and is a folder or a symbolic link");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            copy(tar, out, size, name);
        }
        skip(tar, padding(size));
        return file;
    }

    private Path destination(Path root, String name) throws UnsafeArchiveException {
        if (name.isEmpty()) {
            throw refused(name, "empty name");
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            throw refused(name, "absolute paths are not extracted");
        }
        String relative = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        Path destination = root;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw refused(name, "empty, '.', '..' or backslash segments are not extracted");
            }
            try {
                nameCheck.requireSafe(segment);
            } catch (RuntimeException e) {
                throw refused(name, "unsafe name '" + UntrustedText.printable(segment) + "': " + e.getMessage());
            }
            try {
                destination = destination.resolve(segment);
            } catch (InvalidPathException e) {
                String encodingProblem = SafePaths.unrepresentableReason(segment);
                throw refused(name, encodingProblem != null ? encodingProblem : e.getMessage());
            }
        }
        Path normalized = destination.normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            throw refused(name, "it resolves outside the target folder");
        }
        return normalized;
    }

    private static void createFolders(Path root, Path folder) throws IOException {
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            if (Files.notExists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException("cannot extract into " + current
                        + ": it exists and is not a folder (or is a symbolic link)");
            }
        }
    }

    private static UnsafeArchiveException refused(String name, String why) {
        return new UnsafeArchiveException("refusing tar entry '" + UntrustedText.printable(name) + "': " + why);
    }

    private static byte[] readMetadata(InputStream tar, TarHeader entry) throws IOException {
        if (entry.size() > MAX_METADATA_BYTES) {
            throw new UnsafeArchiveException("tar metadata entry of " + entry.size() + " bytes is too large");
        }
        byte[] data = new byte[(int) entry.size()];
        if (tar.readNBytes(data, 0, data.length) != data.length) {
            throw new EOFException("tar stream truncated inside a metadata entry");
        }
        skip(tar, padding(entry.size()));
        return data;
    }

    private static Map<String, String> parsePax(byte[] data) throws UnsafeArchiveException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new UnsafeArchiveException("malformed PAX header record length");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new UnsafeArchiveException("malformed PAX header record");
            }
            String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new UnsafeArchiveException("malformed PAX header record without key");
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            pos = end;
        }
        return records;
    }

    private static long parseSize(String text) throws UnsafeArchiveException {
        if (!text.matches("\\d{1,18}")) {
            throw new UnsafeArchiveException("malformed PAX size '" + UntrustedText.printable(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static void copy(InputStream in, OutputStream out, long size, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("tar stream truncated inside '" + UntrustedText.printable(name) + "'");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }

    private static void skipPadded(InputStream in, long size) throws IOException {
        skip(in, size + padding(size));
    }

    private static void skip(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar stream truncated inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
