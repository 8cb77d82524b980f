package org.phasic.traces.app.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Whole-file writes that readers never see half done: a unique temporary file, fsync, atomic rename. */
final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} through a unique temporary file in {@code stagingFolder}, durably. */
    static void write(Path stagingFolder, Path target, byte[] bytes) throws IOException {
        write(stagingFolder, target, bytes, true);
    }

    /**
     * Writes {@code bytes} to {@code target} through a unique temporary file in {@code stagingFolder}; {@code durable}
     * flushes the bytes to the device before the rename. Either way no reader sees a half-written file while the
     * system runs; without it, a power loss may leave {@code target} empty or missing.
     */
    static void write(Path stagingFolder, Path target, byte[] bytes, boolean durable) throws IOException {
        Path staged = stagingFolder.resolve(target.getFileName() + "-" + uniqueSuffix());
        boolean moved = false;
        try {
            Files.write(staged, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (durable) {
                sync(staged);
            }
            move(staged, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(staged);
            }
        }
    }

    /**
     * A name part no other staging file of this or another process has: the process id and 64 random bits (not a
     * {@link java.util.UUID}, whose secure random numbers cost far more per file than the uniqueness needs).
     */
    static String uniqueSuffix() {
        return PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Flushes {@code file}'s content to the device. */
    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Flushes {@code file}'s content and size, not its other metadata such as times (an fdatasync). */
    static void syncData(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
    }

    /** Renames {@code from} onto {@code to} atomically, replacing it. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically (" + to.getParent() + ")", e);
        }
    }
}
