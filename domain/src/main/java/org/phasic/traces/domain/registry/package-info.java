/** The trace registry's model (entries, metadata, collections, checksums, trace ids), its queries and its validation. */
package org.phasic.traces.domain.registry;
