package org.phasic.traces.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.phasic.traces.domain.registry.TraceSummary;

/**
 * Keeps the last good registry document of each source (a repository and branch, or a URL) so the tool works when the
 * network does not. A copy belongs to its source: asking for one source never answers with another's document. Only a
 * bounded number of the most recently saved sources is kept.
 */
public interface RegistryCache {

    /** The last good copy of {@code source} (a {@link RegistrySource#location()}), if any. */
    Optional<CachedRegistry> load(String source) throws IOException;

    /** When the copy of {@code source} was last fetched or confirmed, and its entity tag, without reading the document. */
    Optional<Stamp> stamp(String source) throws IOException;

    /** Replaces the last good copy of {@link CachedRegistry#source()} atomically (callers only save validated documents). */
    void save(CachedRegistry registry) throws IOException;

    /** Records that the copy of {@code source} was confirmed current (a 304) at {@code checkedAt}; no copy, no effect. */
    void touch(String source, Instant checkedAt) throws IOException;

    /**
     * The JSON object of trace {@code id} exactly as it appears under {@code traces} in the copy of {@code source}, found
     * without reading the whole document (through an index that is rebuilt when it does not match the document).
     *
     * @return empty when there is no copy or the copy has no trace {@code id}
     */
    Optional<byte[]> entry(String source, String id) throws IOException;

    /**
     * Hands {@code each} the summary of every entry of the copy of {@code source}, in document order, from an index
     * made when the copy was saved (or, when the index does not match the copy, made now by reading the copy with the
     * registry codec, with that codec's rules and errors), so that listing and searching never parse the document.
     *
     * @return false when there is no copy
     * @throws RegistryFormatException when the copy does not read as a registry
     */
    boolean summaries(String source, Consumer<TraceSummary> each) throws IOException;

    /** The copy of {@code source} as a stream, for reading it entry by entry; the caller closes it. */
    Optional<InputStream> open(String source) throws IOException;

    /**
     * Freshness of a cached copy.
     *
     * @param etag      its entity tag, if the source gave one
     * @param checkedAt when it was last fetched or confirmed current
     */
    record Stamp(Optional<String> etag, Instant checkedAt) {
    }

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
