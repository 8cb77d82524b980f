package org.phasic.traces.application;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.TraceAvailability;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.out.AvailabilityHistory;

/** {@link TraceAvailabilityUseCase} over the recorded health runs; probes nothing. */
public final class RecordedAvailability implements TraceAvailabilityUseCase {
    private final AvailabilityHistory history;

    public RecordedAvailability(AvailabilityHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /** @throws OperationFailedException when the history cannot be read */
    @Override
    public Map<String, TraceAvailability> lastKnown() {
        try {
            return history.lastKnown();
        } catch (IOException e) {
            throw new OperationFailedException("could not read the health history: " + e.getMessage(), Hint.NONE, e);
        }
    }
}
