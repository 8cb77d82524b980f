package org.phasic.traces.domain.trace;

/** An elimination trace breaks the format; the message names the field and index, as {@link #field()} does. */
public final class InvalidTraceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidTraceException(String field, String problem) {
        super("invalid trace: " + field + ": " + problem);
        this.field = field;
    }

    /** The offending field with its indices, for example {@code operations[7].operands[1]}. */
    public String field() {
        return field;
    }
}
