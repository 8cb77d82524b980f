package org.phasic.traces.domain.cid;

/** A configured limit (size, depth, links, blocks, buffered bytes) was exceeded. */
public class ContentLimitException extends ContentException {

    public ContentLimitException(String message) {
        super(message);
    }
}
