package org.phasic.traces.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Text the build records into the jar beside this package's classes (the {@code main} of {@link DistributionPlugins}
 * and {@link RecordedUsage} runs when the classes are processed) and the CLI reads back instead of working it out on
 * every run.
 */
final class BuildRecords {
    private BuildRecords() {
    }

    /** The record {@code name}, or empty when the jar holds none (a build that skipped recording). */
    static Optional<String> read(String name) {
        try (InputStream in = BuildRecords.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a record to {@code target}, the build's copy of the resource. */
    static void write(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }
}
