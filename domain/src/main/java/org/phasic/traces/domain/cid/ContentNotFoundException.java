package org.phasic.traces.domain.cid;

import java.util.Objects;

/** A block, or an entry on a requested path, is not available. */
public class ContentNotFoundException extends ContentException {

    private final transient Cid cid;

    /** @param cid the block that is missing, or the directory that lacks the requested entry */
    public ContentNotFoundException(String message, Cid cid) {
        super(message);
        this.cid = Objects.requireNonNull(cid, "cid");
    }

    public Cid cid() {
        return cid;
    }
}
