package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/** Everything known about one trace: its registry entry, whether it is bundled, whether the local store has it. */
public interface ShowTraceUseCase {
    /**
     * What the registry and the local store say about {@code id}; fetches nothing but the registry.
     *
     * @throws UnknownTraceException when no registry lists the id
     */
    TraceDetails show(TraceId id);

    /**
     * @param entry   the registry entry
     * @param bundled whether the bundled library has this very CID (so it works offline)
     * @param stored  the verified {@code trace.json.gz} in the local store, if there
     */
    record TraceDetails(TraceEntry entry, boolean bundled, Optional<Path> stored) {
        public TraceDetails {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(stored, "stored");
        }

        /** The one-line warning when the registry marks the trace superseded or defective ({@link TraceEntry#warning()}). */
        public Optional<String> warning() {
            return entry.warning();
        }
    }
}
