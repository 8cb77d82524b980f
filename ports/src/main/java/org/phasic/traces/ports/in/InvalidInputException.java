package org.phasic.traces.ports.in;

/** The caller asked for something that cannot be (an unknown collection, a malformed location, values that do not fit). */
public final class InvalidInputException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message, Hint hint) {
        super(message, hint, null);
    }

    public InvalidInputException(String message) {
        this(message, Hint.NONE);
    }
}
