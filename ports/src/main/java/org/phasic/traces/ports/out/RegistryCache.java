package org.phasic.traces.ports.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
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

    /**
     * Starts a new copy of {@code source} beside the last good one, for a document too large to hold in memory: the
     * caller writes the download to {@link Staging#document()}, reads it once with {@link Staging#read} (which makes
     * the lookup index and the summaries on the way) and {@linkplain Staging#commit commits} it; closing the staging
     * without a commit removes everything staged, and the last good copy stays as it was.
     */
    Staging stage(String source) throws IOException;

    /** A copy of one source being written; see {@link #stage}. Not thread-safe. */
    interface Staging extends Closeable {
        /** Where the downloaded document goes, written once and in order; closed by {@link #read} or {@link #close}. */
        OutputStream document();

        /**
         * Reads the staged document once, entry by entry, with the registry codec (its rules and errors), handing each
         * entry to {@code check}, which refuses the document by throwing {@link RegistryFormatException}.
         *
         * @return the registry without its traces (version, updated, collections, pinning services, unknown members)
         * @throws RegistryFormatException when the document is not a registry or {@code check} refuses an entry
         */
        Registry read(Consumer<TraceEntry> check) throws IOException;

        /** Makes the document {@linkplain #read read} in full the last good copy of the source, file by file atomically. */
        void commit(Optional<String> etag, Instant checkedAt) throws IOException;

        /** Removes whatever was staged and not committed. */
        @Override
        void close() throws IOException;
    }

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
