package org.phasic.traces.ports.in;

import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceEntry;

/** A checked, packaged trace whose CIDs are known: what {@link PublishTraceUseCase#prepare} hands to {@link PublishTraceUseCase#publish}. */
public interface PreparedPublication {
    /** The registry entry it becomes. */
    TraceEntry entry();

    /** Its directory CID, computed locally. */
    Cid root();
}
