package org.phasic.traces.domain.unixfs;

/**
 * What one reassembly did.
 *
 * @param files       files written (or walked)
 * @param directories directories written (or walked)
 * @param bytes       file bytes written
 * @param blocks      blocks fetched and verified (identity CIDs included)
 */
public record ReassemblySummary(long files, long directories, long bytes, long blocks) {
}
