package org.phasic.traces.ports.in;

import java.util.List;

/** A publication refused before anything was stored or uploaded; {@link #problems()} says every reason, one line each. */
public final class PublishRefusedException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems what is wrong, one line each (at least one)
     * @param hint     what to do about it
     */
    public PublishRefusedException(List<String> problems, Hint hint) {
        super(String.join("; ", requireSome(problems)), hint, null);
        this.problems = List.copyOf(problems);
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        return problems;
    }

    public List<String> problems() {
        return problems;
    }
}
