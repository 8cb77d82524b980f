package org.phasic.traces.adapter.ipfs.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whether a process holds the lock on an IPFS repository ({@code repo.lock}, an fcntl lock in Kubo). */
final class RepoLock {

    private RepoLock() {
    }

    /**
     * True if {@code repo/repo.lock} is locked by some process, is a lock folder (js-ipfs), or cannot be
     * checked (assume the worst).
     */
    static boolean isHeld(Path repo) {
        Path lockFile = repo.resolve("repo.lock");
        if (Files.isDirectory(lockFile)) {
            return true;
        }
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }
}
