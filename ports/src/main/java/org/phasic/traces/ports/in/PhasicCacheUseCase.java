package org.phasic.traces.ports.in;

import java.util.List;

/** Checks phasic's own trace cache ({@code traces/<id>/trace.json.gz}), which phasic's Python {@code get_trace} never checks. */
public interface PhasicCacheUseCase {
    /**
     * Checks every trace file in phasic's cache against the registry checksums.
     *
     * @param fix replace bad files with verified copies (fetched if needed); other files are never touched
     * @return every file, sorted by id
     */
    List<PhasicCacheFile> verify(boolean fix);
}
