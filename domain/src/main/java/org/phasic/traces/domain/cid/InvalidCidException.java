package org.phasic.traces.domain.cid;

/** A CID string or CID bytes are malformed or use an unsupported base, version, codec or hash. */
public class InvalidCidException extends ContentException {

    public InvalidCidException(String message) {
        super(message);
    }
}
