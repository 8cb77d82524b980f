package org.phasic.traces.ports.in.archviolation;

import org.phasic.traces.ports.out.TraceStore;

/** Planted violation: a use case exposing an outbound port to drivers. Only ArchitectureTest imports it. */
public interface UseCaseSeeingAStore {
    TraceStore store();
}
