package org.phasic.traces.app.cyclea;

import org.phasic.traces.app.cycleb.Second;

/** Planted violation, with {@link Second}: two app packages that import each other. Only ArchitectureTest imports it. */
public interface First {
    Second second();
}
