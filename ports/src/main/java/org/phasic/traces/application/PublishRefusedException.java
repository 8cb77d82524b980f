package org.phasic.traces.application;

import java.util.List;

/** A publication refused before anything was stored or uploaded; {@link #problems()} says every reason, one line each. */
public final class PublishRefusedException extends RuntimeException {
    private final List<String> problems;
    private final String hint;

    /**
     * @param problems what is wrong, one line each (at least one)
     * @param hint     what to do about it, or empty
     */
    public PublishRefusedException(List<String> problems, String hint) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        this.problems = List.copyOf(problems);
        this.hint = hint == null ? "" : hint;
    }

    public List<String> problems() {
        return problems;
    }

    public String hint() {
        return hint;
    }
}
