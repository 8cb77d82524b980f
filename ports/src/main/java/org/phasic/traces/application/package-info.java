/** The application services (registry, fetch, trace loading, install, publish) in plain Java over the outbound ports, with their settings and results. */
package org.phasic.traces.application;
