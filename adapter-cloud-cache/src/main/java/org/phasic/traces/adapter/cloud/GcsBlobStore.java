package org.phasic.traces.adapter.cloud;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobNotFoundException;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;
import org.phasic.traces.ports.out.BlobStreams;

/**
 * A {@link BlobStore} in a Google Cloud Storage bucket, through {@code google-cloud-storage}.
 *
 * <p>Objects are named {@code <prefix>/<key>} and carry their SHA-256 as custom metadata
 * {@value #SHA256_METADATA}. Every upload carries a precondition, {@code ifGenerationMatch=0}
 * (does not exist) for a new key or the current generation for an overwrite, which makes it
 * idempotent so the client library may retry it safely; a concurrent writer's change is detected
 * and the upload re-attempted against the new generation. Uploads also carry the content's
 * CRC32C, which the service checks. Objects up to the resumable threshold go up in one request,
 * larger ones as a resumable upload in chunks of the configured size; an upload that fails is
 * abandoned unfinished and never becomes an object. Downloads read the generation whose
 * metadata they checked and are verified against the recorded SHA-256.
 */
public final class GcsBlobStore implements BlobStore {

    /** The custom-metadata name of the recorded SHA-256. */
    public static final String SHA256_METADATA = "sha256";

    private static final int PRECONDITION_FAILED = 412;
    private static final int MAX_ATTEMPTS = 3;

    private final Storage storage;
    private final GcsSettings settings;

    /**
     * @param storage a client configured for {@code settings} (see {@link GcsBlobStoreFactory});
     *     closed with this store
     * @param settings the bucket, prefix and resumable-upload sizes
     */
    public GcsBlobStore(Storage storage, GcsSettings settings) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length) throws IOException {
        BlobId id = blobId(key);
        try (StagedContent staged = StagedContent.stage(content, length, key, settings.resumableThreshold())) {
            uploadWithPrecondition(id, key, staged);
            return BlobInfo.of(key, length, staged.sha256());
        }
    }

    private void uploadWithPrecondition(BlobId id, String key, StagedContent staged) throws BlobStoreException {
        for (int attempt = 1; ; attempt++) {
            try {
                Blob current = storage.get(id);
                upload(id, staged, current == null ? Long.valueOf(0) : current.getGeneration());
                return;
            } catch (StorageException e) {
                if (e.getCode() != PRECONDITION_FAILED || attempt == MAX_ATTEMPTS) {
                    throw failure("upload", key, e, e.getCode() == PRECONDITION_FAILED
                            ? " (the object kept changing under concurrent writers)" : "");
                }
            } catch (IOException e) {
                throw new BlobStoreException("GCS upload of '" + UntrustedText.printable(key) + "' to " + location()
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        BlobId id = blobId(key);
        try {
            Blob blob = storage.get(id);
            if (blob == null) {
                throw new BlobNotFoundException(location(), key);
            }
            ReadChannel reader = blob.getGeneration() == null
                    ? storage.reader(id)
                    : storage.reader(id, Storage.BlobSourceOption.generationMatch(blob.getGeneration()));
            return BlobStreams.verifying(Channels.newInputStream(reader), info(key, blob));
        } catch (StorageException e) {
            throw failure("download", key, e, "");
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        BlobId id = blobId(key);
        try {
            return Optional.ofNullable(storage.get(id)).map(blob -> info(key, blob));
        } catch (StorageException e) {
            throw failure("stat", key, e, "");
        }
    }

    @Override
    public List<BlobInfo> list(String keyPrefix) throws IOException {
        BlobKeys.requireValidListPrefix(keyPrefix);
        String strip = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        List<BlobInfo> result = new ArrayList<>();
        try {
            for (Blob blob : storage.list(settings.bucket(), Storage.BlobListOption.prefix(strip + keyPrefix)).iterateAll()) {
                ObjectNames.keyOf(blob.getName(), strip).ifPresent(key -> result.add(info(key, blob)));
            }
        } catch (StorageException e) {
            throw failure("list", keyPrefix, e, "");
        }
        result.sort(ObjectNames.BY_KEY);
        return result;
    }

    @Override
    public void delete(String key) throws IOException {
        BlobId id = blobId(key);
        try {
            storage.delete(id);
        } catch (StorageException e) {
            throw failure("delete", key, e, "");
        }
    }

    @Override
    public String location() {
        return settings.location();
    }

    @Override
    public void close() throws IOException {
        try {
            storage.close();
        } catch (Exception e) {
            throw new BlobStoreException("closing the GCS client of " + location() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "GcsBlobStore[" + location() + "]";
    }

    /**
     * @param generation the generation to replace, 0 when the object must not exist yet, null
     *     when the backend reports none (emulators): then the upload is unconditional
     */
    private void upload(BlobId id, StagedContent staged, Long generation) throws IOException {
        com.google.cloud.storage.BlobInfo target = com.google.cloud.storage.BlobInfo.newBuilder(id)
                .setContentType("application/octet-stream")
                .setMetadata(Map.of(SHA256_METADATA, staged.sha256()))
                .setCrc32c(staged.crc32cBase64())
                .build();
        if (staged.inMemory()) {
            // the library computes and sends the MD5 and CRC32C of in-memory content itself
            storage.create(target, staged.bytes(), targetPrecondition(generation));
            return;
        }
        WriteChannel writer = storage.writer(target, writePrecondition(generation, Storage.BlobWriteOption.crc32cMatch()));
        writer.setChunkSize(settings.chunkSize());
        try (InputStream in = staged.open()) {
            byte[] buffer = new byte[GcsSettings.CHUNK_GRANULARITY];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    writer.write(chunk);
                }
            }
        }
        // Only a complete copy is finalised; on failure the unfinished session is abandoned.
        writer.close();
    }

    private static Storage.BlobTargetOption[] targetPrecondition(Long generation) {
        if (generation == null) {
            return new Storage.BlobTargetOption[0];
        }
        return new Storage.BlobTargetOption[] {generation == 0
                ? Storage.BlobTargetOption.doesNotExist() : Storage.BlobTargetOption.generationMatch(generation)};
    }

    private static Storage.BlobWriteOption[] writePrecondition(Long generation, Storage.BlobWriteOption other) {
        if (generation == null) {
            return new Storage.BlobWriteOption[] {other};
        }
        return new Storage.BlobWriteOption[] {generation == 0
                ? Storage.BlobWriteOption.doesNotExist() : Storage.BlobWriteOption.generationMatch(generation), other};
    }

    private BlobInfo info(String key, Blob blob) {
        Map<String, String> metadata = blob.getMetadata();
        String sha256 = metadata == null ? null : metadata.get(SHA256_METADATA);
        long size = blob.getSize() == null ? 0 : blob.getSize();
        return new BlobInfo(key, size, Sha256.isHex(sha256) ? Optional.of(sha256) : Optional.empty());
    }

    private BlobId blobId(String key) {
        return BlobId.of(settings.bucket(), ObjectNames.objectName(settings.prefix(), key));
    }

    private BlobStoreException failure(String operation, String key, StorageException e, String hint) {
        return new BlobStoreException("GCS " + operation + " of '" + UntrustedText.printable(key) + "' in " + location()
                + " failed: HTTP " + e.getCode() + " " + e.getMessage() + hint, e);
    }
}
