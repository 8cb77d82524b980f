package org.phasic.traces.ports.in;

import java.util.Map;

/** Reads what the last pin-monitoring ({@code health}) run recorded, without probing anything. */
public interface TraceAvailabilityUseCase {
    /** The last recorded availability of each trace, by trace id; empty when no run has been recorded. */
    Map<String, TraceAvailability> lastKnown();
}
