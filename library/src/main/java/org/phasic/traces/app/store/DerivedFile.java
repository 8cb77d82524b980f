package org.phasic.traces.app.store;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * A file derived from a cached registry document, written line by line without holding its lines: they go to a
 * temporary body file while their count and CRC-32C are taken; {@link #finish} writes the header line
 * ({@code <header> <stamp> <count> <crc>}) and the body into a staged file, {@link #commit} renames it into place.
 * Closing removes whatever was not committed.
 */
final class DerivedFile implements Closeable {
    private final Path target;
    private final String header;
    private final Path body;
    private final Path staged;
    private final CRC32C crc = new CRC32C();
    private final Writer writer;
    private int count;
    private boolean finished;

    DerivedFile(Path dir, String name, String header) throws IOException {
        this.target = dir.resolve(name);
        this.header = header;
        String unique = AtomicFiles.uniqueSuffix();
        this.body = dir.resolve(name + "-" + unique + ".body" + DiskRegistryCache.STAGED);
        this.staged = dir.resolve(name + "-" + unique + DiskRegistryCache.STAGED);
        OutputStream out = Files.newOutputStream(body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.writer = new OutputStreamWriter(new CheckedOutputStream(new BufferedOutputStream(out, 1 << 16), crc), StandardCharsets.UTF_8);
    }

    /** Appends {@code line}, which ends with its line feed. */
    void line(CharSequence line) throws IOException {
        writer.append(line);
        count++;
    }

    /** Puts the header, naming the document's {@code stamp}, in front of the lines, in the staged file. */
    void finish(String stamp) throws IOException {
        writer.close();
        String head = header + " " + stamp + " " + count + " " + Long.toHexString(crc.getValue()) + "\n";
        try (OutputStream out = Files.newOutputStream(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            Files.copy(body, out);
        }
        Files.delete(body);
        finished = true;
    }

    /** Renames the finished file into place, durably. */
    void commit() throws IOException {
        if (!finished) {
            throw new IllegalStateException("commit before finish: " + target);
        }
        AtomicFiles.sync(staged);
        AtomicFiles.move(staged, target);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(staged);
        }
    }
}
