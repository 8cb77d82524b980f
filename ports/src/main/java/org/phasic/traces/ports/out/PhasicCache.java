package org.phasic.traces.ports.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.phasic.traces.domain.registry.TraceId;

/**
 * phasic's own cache of traces, {@code traces/<id>/trace.json.gz} in its home folder, which phasic's Python
 * {@code get_trace} reads without checking it. Copies are written through a staging file and an atomic rename, never as
 * links: phasic rewrites its files in place, which must not reach the store's verified objects.
 */
public interface PhasicCache {

    /** The cache's {@code traces} folder (it may not exist). */
    Path folder();

    /**
     * Every trace file in the cache, by the name of its folder (the id phasic used, not necessarily a valid id).
     *
     * @throws IOException when the cache folder cannot be read
     */
    Map<String, Path> files() throws IOException;

    /**
     * Copies {@code verified} to {@code id}'s place in the cache.
     *
     * @param replace replace a file that is there; without it an existing file is kept
     * @return whether the copy was written
     * @throws IOException when the copy cannot be written
     */
    boolean put(TraceId id, Path verified, boolean replace) throws IOException;
}
