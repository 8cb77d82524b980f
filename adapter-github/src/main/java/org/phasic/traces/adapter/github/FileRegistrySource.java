package org.phasic.traces.adapter.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.ports.out.RegistrySource;

/**
 * The registry from a local file. Its entity tag is the SHA-256 of the content, so an unchanged file answers
 * {@link RegistryDownload.NotModified}.
 */
public final class FileRegistrySource implements RegistrySource {
    private final Path file;
    private final long maxBytes;

    /**
     * @param file     the registry file
     * @param maxBytes the largest file read
     */
    public FileRegistrySource(Path file, long maxBytes) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A source reading {@code file} with the default size limit. */
    public FileRegistrySource(Path file) {
        this(file, JacksonRegistryCodec.DEFAULT_MAX_BYTES);
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public boolean usesNetwork() {
        return false;
    }

    @Override
    public RegistryDownload fetch(Optional<String> etag) throws IOException {
        return RegistrySource.gathered(this, etag);
    }

    /** Hashes the file first when the caller has a copy, so that an unchanged file is only read, never copied. */
    @Override
    public RegistryDownload fetch(Optional<String> etag, OutputStream body) throws IOException {
        if (etag.isPresent() && etag.get().equals(copy(OutputStream.nullOutputStream()))) {
            return new RegistryDownload.NotModified();
        }
        return new RegistryDownload.Streamed(Optional.of(copy(body)));
    }

    /** Copies the file to {@code body} within the size limit and returns its entity tag (the SHA-256 of what was copied). */
    private String copy(OutputStream body) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read the registry from " + file + ": it is a folder. Hint: name the registry.json file inside it");
        }
        MessageDigest sha256 = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new IOException("cannot read the registry from " + file + ": too large, more than the limit of " + maxBytes
                            + " bytes. Hint: " + RegistrySettings.tooLargeHint());
                }
                sha256.update(buffer, 0, read);
                body.write(buffer, 0, read);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read the registry from " + file + ": no such file. Hint: check the path", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the registry from " + file + ": permission denied", e);
        }
        return "\"sha256-" + Sha256.finishHex(sha256) + "\"";
    }

    @Override
    public String toString() {
        return "FileRegistrySource[" + file + "]";
    }
}
