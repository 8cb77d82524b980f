package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * The multipart body of an {@code add}: one {@code file} part per regular file, named by its path
 * inside the upload ({@code dir/sub/file}, percent-encoded per segment), in sorted depth-first order
 * so the daemon sees each folder's files together. Folders are implied by the names (explicit
 * {@code application/x-directory} parts are not sent), so empty folders are not uploaded.
 */
final class UploadParts {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private record FilePart(String name, Path file, long size) {
    }

    private final List<FilePart> parts;
    private final long totalBytes;
    private final long[] sentPerPart;

    private UploadParts(List<FilePart> parts) {
        this.parts = List.copyOf(parts);
        this.totalBytes = parts.stream().mapToLong(FilePart::size).sum();
        this.sentPerPart = new long[parts.size()];
    }

    /**
     * Collects the files under {@code fileOrDirectory}.
     *
     * @throws IllegalArgumentException for symbolic links, special files or a folder without files
     */
    static UploadParts of(Path fileOrDirectory) throws IOException {
        Path fileName = fileOrDirectory.toAbsolutePath().normalize().getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("cannot add a file-system root: " + fileOrDirectory);
        }
        List<FilePart> parts = new ArrayList<>();
        collect(fileOrDirectory, fileName.toString(), parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to add: " + fileOrDirectory + " contains no files");
        }
        return new UploadParts(parts);
    }

    private static void collect(Path path, String name, List<FilePart> parts) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IllegalArgumentException("refusing to add symbolic link " + path);
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            parts.add(new FilePart(name, path, Files.size(path)));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children;
            try (Stream<Path> listing = Files.list(path)) {
                children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .toList();
            }
            for (Path child : children) {
                String encodingProblem = SafePaths.unrepresentableReason(child.getFileName().toString());
                if (encodingProblem != null) {
                    throw new IllegalArgumentException("cannot add " + path + ": " + encodingProblem);
                }
                collect(child, name + "/" + child.getFileName(), parts);
            }
        } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("refusing to add special file " + path);
        } else {
            throw new IllegalArgumentException("nothing to add: " + path + " does not exist");
        }
    }

    RequestBody body(AddProgressListener progress) {
        MultipartBody.Builder builder = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (int i = 0; i < parts.size(); i++) {
            FilePart part = parts.get(i);
            Headers headers = Headers.of("Content-Disposition",
                    "form-data; name=\"file\"; filename=\"" + encodePath(part.name()) + "\"");
            builder.addPart(headers, fileBody(i, part, progress));
        }
        return builder.build();
    }

    private RequestBody fileBody(int index, FilePart part, AddProgressListener progress) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTET_STREAM;
            }

            @Override
            public long contentLength() {
                return part.size();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                report(index, 0, progress);
                try (Source source = Okio.source(part.file())) {
                    long sent = 0;
                    while (sent < part.size()) {
                        long n = source.read(sink.getBuffer(), Math.min(64 * 1024, part.size() - sent));
                        if (n < 0) {
                            throw new IOException(part.file() + " shrank while it was being added");
                        }
                        sink.emitCompleteSegments();
                        sent += n;
                        report(index, sent, progress);
                    }
                }
            }
        };
    }

    private synchronized void report(int index, long sent, AddProgressListener progress) {
        sentPerPart[index] = sent;
        long total = 0;
        for (long s : sentPerPart) {
            total += s;
        }
        progress.onProgress(total, totalBytes);
    }

    /** Percent-encodes each segment (UTF-8, RFC 3986 unreserved characters kept) and joins them with '/'. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
