package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.List;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.MirrorUseCase;

/** A private mirror (a bucket) holding traces as CAR files with an index. */
public interface PrivateMirror {
    /** Where it is, e.g. {@code s3://bucket/prefix}. */
    String location();

    /** The mirror as a source of the fetch chain. */
    ContentSource source();

    /** The ids its index lists. */
    List<TraceId> ids() throws IOException;

    /** Its index with CAR sizes; unreadable index entries are listed as such. */
    MirrorUseCase.Listing list() throws IOException;

    /**
     * Sends trace {@code id} (directory {@code rootCid}), taking its blocks from {@code sources}, unless the mirror
     * has it already.
     *
     * @return whether anything was sent
     */
    boolean push(TraceId id, String rootCid, List<ContentSource> sources) throws IOException;
}
