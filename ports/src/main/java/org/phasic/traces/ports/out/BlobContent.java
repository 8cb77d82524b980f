package org.phasic.traces.ports.out;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.domain.io.Sha256;

/**
 * Content of known length that can be read more than once, such as a verified file in the local
 * store. {@link BlobStore#putIfMissing} reads it once to hash it and again to upload it.
 */
public interface BlobContent {

    /** @return the exact number of bytes {@link #open()} delivers */
    long length();

    /** @return a fresh stream over the whole content; the caller closes it */
    InputStream open() throws IOException;

    /** @return the lower-case hex SHA-256 of the content (reads it once) */
    default String sha256() throws IOException {
        try (InputStream in = open()) {
            return Sha256.hex(in);
        }
    }

    /** @return content backed by a copy of {@code bytes} */
    static BlobContent of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new BlobContent() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }

    /** @return content backed by a regular file, whose length is read now */
    static BlobContent of(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long length = Files.size(file);
        return new BlobContent() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
