package org.phasic.traces.adapter.cloud.archviolation;

import org.phasic.traces.app.config.Configuration;

/** Planted violation: an adapter depending on app. Only ArchitectureTest imports it. */
public final class AdapterUsingApp {
    public String home(Configuration configuration) {
        return configuration.home().toString();
    }
}
