package org.phasic.traces.ports.out;

import java.util.Objects;

/** The key does not exist in the store. An expected outcome for a cache: try the next source. */
public class BlobNotFoundException extends BlobStoreException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param location where the store keeps its blobs, e.g. {@code s3://bucket/prefix}
     * @param key the missing key
     */
    public BlobNotFoundException(String location, String key) {
        super("no blob '" + key + "' in " + location);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key that was not found */
    public String key() {
        return key;
    }
}
