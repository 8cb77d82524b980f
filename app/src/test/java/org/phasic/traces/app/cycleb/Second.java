package org.phasic.traces.app.cycleb;

import org.phasic.traces.app.cyclea.First;

/** Planted violation, with {@link First}: two app packages that import each other. Only ArchitectureTest imports it. */
public interface Second {
    First first();
}
