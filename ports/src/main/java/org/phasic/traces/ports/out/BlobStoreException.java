package org.phasic.traces.ports.out;

import java.io.IOException;

/**
 * A blob store could not do what was asked: the backend failed, refused the request or was
 * unreachable, or the content handed to it was not what its caller declared.
 *
 * <p>Messages name the store's location and the key, never credentials. Subclasses distinguish
 * the cases a caller treats differently: {@link BlobNotFoundException} (the key is simply absent,
 * try another source) and {@link BlobIntegrityException} (bytes were found but do not match their
 * recorded checksum, never use them).
 */
public class BlobStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, with the store location and key; must not contain secrets */
    public BlobStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, with the store location and key; must not contain secrets
     * @param cause the backend's exception, only if its messages contain no secrets
     */
    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
