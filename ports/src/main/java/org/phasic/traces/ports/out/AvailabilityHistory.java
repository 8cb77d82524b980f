package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.phasic.traces.ports.in.TraceAvailability;

/** The record of pin-monitoring runs, kept between runs so "unreachable since" survives them. */
public interface AvailabilityHistory {
    /** Each trace's most recent recorded availability, by trace id; empty when nothing was recorded. */
    Map<String, TraceAvailability> lastKnown() throws IOException;

    /** Records one run atomically (all of it or nothing); the oldest runs may be dropped to keep the history bounded. */
    void append(List<TraceAvailability> run) throws IOException;
}
