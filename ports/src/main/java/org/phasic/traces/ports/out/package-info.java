/** Outbound ports: what the application needs from the outside (content sources, the trace store, registry sources and codecs, blob stores, publishing and pinning), implemented by the adapters. */
package org.phasic.traces.ports.out;
