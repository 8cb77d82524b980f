package org.phasic.traces.domain.cid;

/** Well-formed content that this code does not handle (an unknown codec, a HAMT-sharded directory ...). */
public class UnsupportedContentException extends ContentException {

    public UnsupportedContentException(String message) {
        super(message);
    }
}
