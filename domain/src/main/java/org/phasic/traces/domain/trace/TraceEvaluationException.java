package org.phasic.traces.domain.trace;

/** Evaluating a trace failed for the given parameters (division by zero, a non-finite value, ...). */
public final class TraceEvaluationException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public TraceEvaluationException(String message) {
        super(message);
    }
}
