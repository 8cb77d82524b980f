package org.phasic.traces.ports.out;

import java.util.Objects;

/**
 * The bytes of a blob do not match the size or SHA-256 recorded when it was stored, or no
 * checksum was recorded at all (an object written by another tool, or an upload that never
 * finished). The content must not be used; re-push it from a verified copy.
 */
public class BlobIntegrityException extends BlobStoreException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the affected key
     * @param message what does not match, e.g. expected and actual SHA-256
     */
    public BlobIntegrityException(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key whose content failed verification */
    public String key() {
        return key;
    }
}
