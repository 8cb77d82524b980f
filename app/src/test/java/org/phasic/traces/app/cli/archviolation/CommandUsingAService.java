package org.phasic.traces.app.cli.archviolation;

import org.phasic.traces.application.TraceService;

/** Planted violation: a CLI command reaching past the use cases to an application service. Only ArchitectureTest imports it. */
public final class CommandUsingAService {
    private TraceService service;

    public TraceService service() {
        return service;
    }
}
