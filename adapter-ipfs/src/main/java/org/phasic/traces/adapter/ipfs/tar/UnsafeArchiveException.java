package org.phasic.traces.adapter.ipfs.tar;

import java.io.IOException;

/** An archive that is malformed or would write something unsafe; nothing outside the target was written. */
public final class UnsafeArchiveException extends IOException {

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
