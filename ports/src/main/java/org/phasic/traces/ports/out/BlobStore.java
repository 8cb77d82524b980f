package org.phasic.traces.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A private store of immutable-by-convention blobs (S3, GCS, a shared folder, or a plugin's
 * backend), used as a mirror of the public IPFS repository.
 *
 * <p><b>Keys</b> are {@code '/'}-separated, relative to the prefix the store was configured with,
 * and must satisfy {@link BlobKeys#requireValidKey}; the layout for blocks, CARs and index entries
 * is defined in {@link BlobKeys}. Invalid keys are rejected with {@link IllegalArgumentException}
 * before any I/O.
 *
 * <p><b>Integrity.</b> {@link #put} hashes the content while it streams and records its SHA-256
 * and size with the object (S3 user metadata, GCS custom metadata, a side file, ...). {@link #get}
 * checks what it reads against that record and fails with {@link BlobIntegrityException} if the
 * object was altered behind the store's back. This protects the transfer and the bucket; it is
 * not a substitute for verifying content against its CID.
 *
 * <p><b>Atomicity.</b> A put either stores the whole content under the key or leaves the key as
 * it was: an upload that fails or is interrupted half-way never leaves a partial object that
 * {@link #get} would serve. Together with {@link #putIfMissing} this makes pushes idempotent and
 * resumable: re-running an interrupted push sends only what is missing.
 *
 * <p><b>Errors.</b> {@link BlobNotFoundException} for a missing key, {@link BlobIntegrityException}
 * for content that fails verification, and {@link BlobStoreException} for everything else (backend
 * unreachable, access denied, content shorter or longer than declared). Messages name the store's
 * {@link #location()} and the key and never contain credentials.
 *
 * <p>Implementations are safe for concurrent use by multiple threads.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores {@code length} bytes from {@code content} under {@code key}, replacing any previous
     * blob. The stream is read to its end but not closed.
     *
     * @return the stored blob's key, size and SHA-256
     * @throws BlobStoreException if the backend fails or the stream is shorter or longer than
     *     {@code length}; the key then holds its previous content, if any
     */
    BlobInfo put(String key, InputStream content, long length) throws IOException;

    /**
     * Opens a blob for reading. The stream verifies size and SHA-256 when it reaches its end and
     * then throws {@link BlobIntegrityException} on a mismatch, so read it to the end (and only
     * then commit what was read). The caller closes it.
     *
     * @throws BlobNotFoundException if the key does not exist
     * @throws BlobIntegrityException if the blob has no recorded checksum (also raised by reads)
     */
    InputStream get(String key) throws IOException;

    /**
     * @return the key's size and recorded SHA-256 (empty SHA-256 if none was recorded), or empty if
     *     the key does not exist
     */
    Optional<BlobInfo> stat(String key) throws IOException;

    /**
     * Lists every blob whose key starts with {@code keyPrefix} (a plain string prefix such as
     * {@code "cars/"}; {@code ""} lists all), sorted by key. Entries may lack a SHA-256 where the
     * backend's listing carries no metadata; use {@link #stat} when it matters.
     */
    List<BlobInfo> list(String keyPrefix) throws IOException;

    /** Deletes a blob; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    /**
     * @return a human-readable, secret-free description of where this store keeps its blobs,
     *     e.g. {@code s3://bucket/prefix}, {@code gs://bucket/prefix} or a folder path
     */
    String location();

    /** Releases clients and connections. */
    @Override
    void close() throws IOException;

    /** @return whether {@code key} exists */
    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /**
     * Copies a blob to {@code out} and verifies it on the way.
     *
     * @return the number of bytes copied
     * @throws BlobIntegrityException after the bytes were written if they fail verification;
     *     write to a temporary place and commit only on success
     */
    default long copyTo(String key, OutputStream out) throws IOException {
        try (InputStream in = get(key)) {
            return in.transferTo(out);
        }
    }

    /**
     * Uploads {@code content} unless {@code key} already holds the same size and SHA-256: the
     * building block of incremental, idempotent pushes. A key holding different bytes, or bytes
     * without a recorded checksum (e.g. left by an interrupted older push), is overwritten. The
     * decision trusts the recorded size and SHA-256 (one metadata request); it does not re-read
     * the stored bytes, so damage behind the store's back is found by {@link #get}, not here.
     *
     * @return {@link PutOutcome#SENT} or {@link PutOutcome#SKIPPED}
     * @throws BlobIntegrityException if the content changed between hashing and uploading
     */
    default PutOutcome putIfMissing(String key, BlobContent content) throws IOException {
        BlobKeys.requireValidKey(key);
        String sha256 = content.sha256();
        Optional<BlobInfo> existing = stat(key);
        if (existing.isPresent() && existing.get().matches(content.length(), sha256)) {
            return PutOutcome.SKIPPED;
        }
        BlobInfo stored;
        try (InputStream in = content.open()) {
            stored = put(key, in, content.length());
        }
        if (!stored.matches(content.length(), sha256)) {
            throw new BlobIntegrityException(key, "content of '" + key + "' changed while it was pushed to "
                    + location() + ": hashed " + sha256 + ", uploaded " + stored.sha256().orElse("?"));
        }
        return PutOutcome.SENT;
    }
}
