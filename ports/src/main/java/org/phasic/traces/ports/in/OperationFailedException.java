package org.phasic.traces.ports.in;

/** The operation was attempted and failed (I/O, a remote service, a refused step). */
public final class OperationFailedException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message, Hint hint, Throwable cause) {
        super(message, hint, cause);
    }

    public OperationFailedException(String message, Hint hint) {
        this(message, hint, null);
    }
}
