package org.phasic.traces.ports.in;

import org.phasic.traces.domain.registry.TraceId;

/** Gets a verified, parsed trace by id: the local store first, then the configured sources. */
public interface GetTraceUseCase {
    /**
     * The verified, parsed trace {@code id}.
     *
     * @param force fetch again even if the local store has it
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when no source delivers verified content
     * @throws org.phasic.traces.domain.trace.InvalidTraceException when the verified bytes are not a valid trace
     */
    LoadedTrace get(TraceId id, boolean force);
}
