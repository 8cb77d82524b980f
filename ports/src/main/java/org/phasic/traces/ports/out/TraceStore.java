package org.phasic.traces.ports.out;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.StoreProblem;

/**
 * The local content store as the fetch chain and publishing use it: look up, stage, commit, lock (its upkeep is
 * {@link StoreMaintenance}). Verified trace files are kept by CID, with a reference per trace id. Writes are
 * staged in unique temporary files and renamed into place atomically, so concurrent processes never see a
 * half-written entry; every read re-checks size and hash, and a bad entry is removed and reported.
 */
public interface TraceStore {

    /**
     * The stored copy of trace {@code id} whose directory CID is {@code rootCid}, checked on the way
     * (size and SHA-256 of every file). A corrupt or truncated entry is removed, reported through
     * {@link #problems()}, and not returned.
     */
    Optional<StoredTrace> find(TraceId id, String rootCid) throws IOException;

    /** The stored copy of trace {@code id} whatever its CID, checked like {@link #find}. */
    Optional<StoredTrace> findAny(TraceId id) throws IOException;

    /** A fresh staging file inside the store; bytes written to it are counted and hashed. */
    StagedFile stage() throws IOException;

    /**
     * Moves verified staged files into the store and records them under {@code id}. The caller must have
     * verified every file against its CID; the store records size and hash for later reads.
     *
     * @param files file name → staged file (closed) and its CID
     */
    StoredTrace commit(TraceId id, String rootCid, Map<String, VerifiedStagedFile> files) throws IOException;

    /**
     * Waits up to {@code maxWait} for another process working on {@code rootCid} and then takes the work
     * lock. The lock only avoids duplicate downloads: correctness never depends on it, a stale lock is
     * taken over, and when waiting times out the returned handle holds nothing.
     */
    WorkLock lock(String rootCid, Duration maxWait) throws IOException;

    /** Problems found by reads since the last call (each reported once). */
    List<StoreProblem> problems();

    /** A staging file being written. */
    interface StagedFile extends AutoCloseable {
        /** Where to write the bytes. */
        OutputStream output();

        /** Closes the output (idempotent). */
        @Override
        void close() throws IOException;

        /** Deletes the staging file if it was not committed. */
        void discard();

        /** Bytes written; valid after {@link #close()}. */
        long size();

        /** SHA-256 of the bytes written, lower-case hex; valid after {@link #close()}. */
        String sha256();
    }

    /**
     * A staged file and the CID it was verified against.
     *
     * @param staged the closed staging file
     * @param cid    the file's CID
     */
    record VerifiedStagedFile(StagedFile staged, String cid) {
    }

    /**
     * A trace in the store.
     *
     * @param id      its id
     * @param rootCid its directory CID
     * @param files   file name → stored file
     */
    record StoredTrace(TraceId id, String rootCid, Map<String, StoredFile> files) {
        public StoredTrace {
            files = Map.copyOf(files);
        }

        /** The stored file named {@code name}. */
        public Optional<StoredFile> file(String name) {
            return Optional.ofNullable(files.get(name));
        }
    }

    /**
     * One stored, checked file.
     *
     * @param cid    its CID
     * @param size   its size in bytes
     * @param sha256 its SHA-256, lower-case hex
     * @param path   where it is on disk (read only)
     */
    record StoredFile(String cid, long size, String sha256, Path path) {
    }

    /** A held (or, after a timeout, empty) work lock. */
    interface WorkLock extends AutoCloseable {
        /** Whether this process holds the lock. */
        boolean held();

        @Override
        void close();
    }
}
