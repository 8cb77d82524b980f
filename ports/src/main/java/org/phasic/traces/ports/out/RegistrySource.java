package org.phasic.traces.ports.out;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    /**
     * Fetches the registry document into {@code body} as it arrives, never holding it whole: the way to download a
     * large registry. Implementations enforce the same size limit as {@link #fetch(Optional)}, refusing with the same
     * message once more than the limit has arrived (what was written by then is the caller's to discard). The default
     * writes the bytes of {@link #fetch(Optional)}.
     *
     * @param etag the entity tag of the copy the caller already has, for a conditional request
     * @param body where the document's bytes go, in order; not closed
     * @return {@link RegistryDownload.NotModified} (nothing written) or {@link RegistryDownload.Streamed}
     * @throws IOException when the source cannot be reached, answers with an error or sends too much
     */
    default RegistryDownload fetch(Optional<String> etag, OutputStream body) throws IOException {
        RegistryDownload download = fetch(etag);
        if (download instanceof RegistryDownload.Fetched fetched) {
            body.write(fetched.bytes());
            return new RegistryDownload.Streamed(fetched.etag());
        }
        return download;
    }

    /** {@link #fetch(Optional)} for a source that streams: the document gathered from {@link #fetch(Optional, OutputStream)}. */
    static RegistryDownload gathered(RegistrySource source, Optional<String> etag) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RegistryDownload download = source.fetch(etag, body);
        return download instanceof RegistryDownload.Streamed streamed
                ? new RegistryDownload.Fetched(body.toByteArray(), streamed.etag()) : download;
    }

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

        /**
         * A fresh document written to the caller's stream by {@link #fetch(Optional, OutputStream)} (untrusted until
         * read and validated).
         *
         * @param etag its entity tag, when the source gave one
         */
        record Streamed(Optional<String> etag) implements RegistryDownload {
        }
    }
}
