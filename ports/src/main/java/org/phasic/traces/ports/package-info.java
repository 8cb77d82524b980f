/** Inbound use cases, outbound SPIs and application services. */
package org.phasic.traces.ports;
