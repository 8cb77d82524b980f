package org.phasic.traces.domain.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh temporary folder, deleted with everything in it on close. */
public final class TemporaryFolder implements AutoCloseable {
    private final Path path;

    /** Creates the folder in the system's temporary directory, its name starting with {@code prefix}. */
    public TemporaryFolder(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        deleteTree(path);
    }

    /** Deletes {@code root} and everything below it; nothing happens when it is null or absent. */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
