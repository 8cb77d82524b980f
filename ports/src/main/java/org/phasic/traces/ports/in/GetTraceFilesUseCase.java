package org.phasic.traces.ports.in;

import org.phasic.traces.domain.registry.TraceId;

/** Gets the verified files of a trace (its {@code trace.json.gz}, {@code metadata.json}, ...) without parsing them. */
public interface GetTraceFilesUseCase {
    /**
     * A verified copy of trace {@code id} in the local store, fetched if needed.
     *
     * @param force fetch again even if the local store has it
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when no source delivers verified content
     */
    LocalTrace files(TraceId id, boolean force);
}
