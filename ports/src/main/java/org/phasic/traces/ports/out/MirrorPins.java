package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The pins a registry mirror has asked its pinning targets for, kept between runs, so that a restarted mirror does not
 * ask a target again for a trace version it already pinned.
 */
public interface MirrorPins {
    /**
     * The directory CIDs pinned so far, by pinning target name; empty when nothing was recorded yet.
     *
     * @throws IOException when the record cannot be read or is not valid (the caller starts afresh)
     */
    Map<String, Set<String>> load() throws IOException;

    /** Replaces the record with {@code pinned} (target name → directory CIDs) as a whole: readers see all of it or the old one. */
    void save(Map<String, Set<String>> pinned) throws IOException;
}
