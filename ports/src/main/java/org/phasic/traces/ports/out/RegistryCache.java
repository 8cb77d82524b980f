package org.phasic.traces.ports.out;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Keeps the last good registry document so the tool works when the network does not. */
public interface RegistryCache {

    /** The last good copy, if any. */
    Optional<CachedRegistry> load() throws IOException;

    /** Replaces the last good copy atomically (callers only save documents that parsed and validated). */
    void save(CachedRegistry registry) throws IOException;

    /** Records that the cached copy was confirmed current (a 304) at {@code checkedAt}. */
    void touch(Instant checkedAt) throws IOException;

    /**
     * A cached registry document.
     *
     * @param bytes     the document as downloaded
     * @param etag      its entity tag, if the source gave one
     * @param source    where it came from
     * @param checkedAt when it was last fetched or confirmed current
     */
    record CachedRegistry(byte[] bytes, Optional<String> etag, String source, Instant checkedAt) {
    }
}
