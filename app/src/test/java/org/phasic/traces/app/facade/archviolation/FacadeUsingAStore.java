package org.phasic.traces.app.facade.archviolation;

import org.phasic.traces.ports.out.TraceStore;

/** Planted violation: the facade reaching an outbound port. Only ArchitectureTest imports it. */
public interface FacadeUsingAStore {
    TraceStore store();
}
