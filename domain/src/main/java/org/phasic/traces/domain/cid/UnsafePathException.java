package org.phasic.traces.domain.cid;

/** An untrusted entry name or relative path was refused because it is not a safe single path component. */
public class UnsafePathException extends ContentException {

    public UnsafePathException(String message) {
        super(message);
    }
}
