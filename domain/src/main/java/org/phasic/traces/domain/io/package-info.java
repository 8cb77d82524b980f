/** Byte-level helpers shared by every module: deterministic gzip and size-limited decompression. */
package org.phasic.traces.domain.io;
