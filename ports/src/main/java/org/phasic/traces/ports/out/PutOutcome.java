package org.phasic.traces.ports.out;

/** What {@link BlobStore#putIfMissing(String, BlobContent)} did. */
public enum PutOutcome {
    /** The content was uploaded: the key was absent, or held different or unverifiable bytes. */
    SENT,
    /** Nothing was uploaded: the key already held the same size and SHA-256. */
    SKIPPED
}
