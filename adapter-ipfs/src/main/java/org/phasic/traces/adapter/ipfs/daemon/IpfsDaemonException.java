package org.phasic.traces.adapter.ipfs.daemon;

import java.io.IOException;

/** Starting (or initialising) an IPFS daemon failed; the message says why and where the log is. */
public final class IpfsDaemonException extends IOException {

    public IpfsDaemonException(String message) {
        super(message);
    }

    public IpfsDaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
