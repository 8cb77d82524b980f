/** Byte-level helpers shared by every module: SHA-256, deterministic gzip, size-limited decompression and temporary folders. */
package org.phasic.traces.domain.io;
