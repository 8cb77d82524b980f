package org.phasic.traces.ports.in;

/**
 * Progress of network transfers, for a progress bar. A source may run several transfers at once (e.g. racing
 * gateways), so events name their source, and implementations must be thread-safe. Every method has an empty
 * default; {@link #NONE} ignores everything.
 */
public interface TransferProgress {

    /** Ignores every event. */
    TransferProgress NONE = new TransferProgress() {
    };

    /** How a transfer ended. */
    enum Outcome {
        /** The content arrived and was verified. */
        VERIFIED,
        /** The source does not have the content. */
        NOT_FOUND,
        /** The transfer failed or the content did not verify. */
        FAILED,
        /** Another source won the race, or the caller gave up. */
        CANCELLED
    }

    /**
     * A transfer started.
     *
     * @param source e.g. {@code https://ipfs.io}
     * @param what   what is fetched, e.g. {@code QmRoot/trace.json.gz}
     */
    default void started(String source, String what) {
    }

    /** {@code count} more bytes arrived from {@code source} (not yet verified). */
    default void bytesReceived(String source, long count) {
    }

    /** One more block of {@code size} bytes arrived from {@code source} (checked against its CID before use). */
    default void blockReceived(String source, int size) {
    }

    /** The transfer of {@code what} from {@code source} ended. */
    default void finished(String source, String what, Outcome outcome) {
    }

    /**
     * Fetching {@code what} (a trace id) is expected to bring about {@code bytes} bytes: the registry's sizes of its
     * files, told before its transfers start, for a total, a rate and an estimated time left.
     */
    default void expecting(String what, long bytes) {
    }

    /**
     * {@code what} ({@code bytes} bytes) arrived and is being verified (every block against its CID, the file against
     * the registry checksum); {@link #verified} follows, whatever the outcome.
     */
    default void verifying(String what, long bytes) {
    }

    /** Verifying {@code what} ended (see {@link #verifying}). */
    default void verified(String what) {
    }
}
