package org.phasic.traces.app.cli.archviolation;

import org.phasic.traces.adapter.web.WebServer;

/** Planted violation: a CLI command building the web adapter's server itself. Only ArchitectureTest imports it. */
public final class CommandUsingTheWebServer {
    private WebServer server;

    public WebServer server() {
        return server;
    }
}
