package org.phasic.traces.ports.archviolation;

import okhttp3.OkHttpClient;

/** Planted violation: a port depending on an adapter library. Only ArchitectureTest imports it. */
public interface PortUsingOkHttp {
    OkHttpClient client();
}
