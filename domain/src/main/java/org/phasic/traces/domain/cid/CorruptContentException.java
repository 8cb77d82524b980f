package org.phasic.traces.domain.cid;

/**
 * Bytes from a source are wrong: a block does not hash to its CID, a block or CAR is malformed or
 * truncated. The source that delivered them is at fault; nothing derived from them may be kept.
 */
public class CorruptContentException extends ContentException {

    public CorruptContentException(String message) {
        super(message);
    }

    public CorruptContentException(String message, Throwable cause) {
        super(message, -1, cause);
    }

    /** @param offset byte offset in the input the error refers to; the message should name it too */
    public CorruptContentException(String message, long offset) {
        super(message, offset, null);
    }

    public CorruptContentException(String message, long offset, Throwable cause) {
        super(message, offset, cause);
    }
}
