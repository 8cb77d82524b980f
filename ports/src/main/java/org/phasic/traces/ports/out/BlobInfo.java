package org.phasic.traces.ports.out;

import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * What a blob store knows about one stored blob.
 *
 * @param key the blob's key, relative to the store's prefix (see {@link BlobKeys})
 * @param size the content length in bytes
 * @param sha256 the lower-case hex SHA-256 recorded when the blob was stored; empty when the
 *     backend's listing does not carry object metadata (S3 listings) or when the object was not
 *     written through a {@link BlobStore}. {@link BlobStore#stat(String)} fills it whenever the
 *     object has one.
 */
public record BlobInfo(String key, long size, Optional<String> sha256) {

    /** Validates the key, the size and the checksum's format. */
    public BlobInfo {
        BlobKeys.requireValidKey(key);
        if (size < 0) {
            throw new IllegalArgumentException("blob size must be >= 0, got " + size + " for '" + key + "'");
        }
        Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(hex -> {
            if (!Sha256.isHex(hex)) {
                throw new IllegalArgumentException(
                        "sha256 of '" + key + "' must be 64 lower-case hex digits, got '" + UntrustedText.printable(hex) + "'");
            }
        });
    }

    /** @return info for a blob whose SHA-256 is known */
    public static BlobInfo of(String key, long size, String sha256) {
        return new BlobInfo(key, size, Optional.of(sha256));
    }

    /** @return info for a blob listed without its SHA-256 */
    public static BlobInfo withoutChecksum(String key, long size) {
        return new BlobInfo(key, size, Optional.empty());
    }

    /**
     * @return whether this blob certainly holds content of the given size and SHA-256; false when
     *     no checksum is recorded
     */
    public boolean matches(long expectedSize, String expectedSha256) {
        return size == expectedSize && sha256.filter(expectedSha256::equals).isPresent();
    }
}
