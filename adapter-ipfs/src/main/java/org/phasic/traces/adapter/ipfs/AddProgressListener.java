package org.phasic.traces.adapter.ipfs;

/** Told how many bytes of file content {@code add} has sent so far. */
@FunctionalInterface
public interface AddProgressListener {

    AddProgressListener NONE = (sent, total) -> { };

    /**
     * @param bytesSent  file bytes written to the API so far
     * @param totalBytes file bytes to send in total
     */
    void onProgress(long bytesSent, long totalBytes);
}
