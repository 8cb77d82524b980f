package org.phasic.traces.adapter.web.archviolation;

import org.phasic.traces.application.ServeContentService;

/** Planted violation: the web adapter reaching past the use cases to an application service. Only ArchitectureTest imports it. */
public final class WebAdapterUsingAService {
    private ServeContentService service;

    public ServeContentService service() {
        return service;
    }
}
