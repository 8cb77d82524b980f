package org.phasic.traces.ports.out;

import java.io.IOException;
import java.nio.file.Path;
import org.phasic.traces.domain.cid.Cid;

/**
 * Puts a packaged trace directory on a content network and keeps it there: an IPFS node adds and pins it. The
 * directory CID is computed locally before anything is uploaded, so a publisher only has to confirm it.
 */
public interface ContentPublisher {
    /** What and where, for messages, e.g. {@code IPFS daemon at http://127.0.0.1:5001}. */
    String name();

    /** Whether the service answers now; a quick check with a short timeout that never throws. */
    boolean available();

    /**
     * Adds {@code directory} (recursively, with the import settings the registry uses) and pins it.
     *
     * @param directory the packaged trace directory
     * @param expected  the directory CID computed locally
     * @return the CID the service reported, equal to {@code expected}
     * @throws IOException when the upload or pin fails, or when the service computed another CID (the message names both)
     */
    Cid publish(Path directory, Cid expected) throws IOException;
}
