package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.Optional;

/** Where the registry document comes from: raw GitHub, any https URL, or a local file. */
public interface RegistrySource {

    /** A human-readable location, e.g. the URL; never contains credentials. */
    String location();

    /** Whether {@link #fetch} goes to the network (so it must not when the tool is offline); a local file does not. */
    default boolean usesNetwork() {
        return true;
    }

    /**
     * Fetches the registry document.
     *
     * @param etag the entity tag of the copy the caller already has, for a conditional request
     * @return {@link RegistryDownload.NotModified} when the caller's copy is current, otherwise the bytes
     * @throws IOException when the source cannot be reached or answers with an error (the message says which)
     */
    RegistryDownload fetch(Optional<String> etag) throws IOException;

    /** The result of {@link #fetch}. */
    sealed interface RegistryDownload {
        /** The caller's copy is current. */
        record NotModified() implements RegistryDownload {
        }

        /**
         * A fresh document (untrusted until parsed and validated).
         *
         * @param bytes the document
         * @param etag  its entity tag, when the source gave one
         */
        record Fetched(byte[] bytes, Optional<String> etag) implements RegistryDownload {
        }
    }
}
