package org.phasic.traces.ports.in;

import java.util.List;

/**
 * What a garbage collection of the local store removed (or would remove).
 *
 * @param references trace ids whose references went
 * @param objects    content files removed
 * @param bytes      bytes freed
 * @param dryRun     whether nothing was actually removed
 */
public record GcReport(List<String> references, List<String> objects, long bytes, boolean dryRun) {
    public GcReport {
        references = List.copyOf(references);
        objects = List.copyOf(objects);
    }
}
