package org.phasic.traces.ports.in;

import java.util.Objects;

/** A use case could not do what was asked; the message says why, the {@link #hint()} what the user can do. */
public abstract class UseCaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Hint hint;

    protected UseCaseException(String message, Hint hint, Throwable cause) {
        super(message, cause);
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    /** What the user can do, in neutral terms. */
    public Hint hint() {
        return hint;
    }
}
