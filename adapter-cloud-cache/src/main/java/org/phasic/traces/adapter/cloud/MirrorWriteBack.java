package org.phasic.traces.adapter.cloud;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;

/**
 * {@code cache.writeBack}: copies every trace the fetch chain fetched from another source into the mirror, so
 * the next machine gets it from the mirror. The directory DAG is read again from the source that served it and
 * verified before it is sent ({@link MirrorPush}); a trace the mirror already has costs one metadata request.
 */
public final class MirrorWriteBack implements FetchListener {
    private final MirrorContentSource mirror;

    /** @param mirror the mirror to fill */
    public MirrorWriteBack(MirrorContentSource mirror) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
    }

    @Override
    public void fetched(TraceId id, String rootCid, ContentSource source) throws IOException {
        if (source instanceof MirrorContentSource) {
            return;
        }
        new MirrorPush(mirror.store(), List.of(source)).push(id, rootCid);
    }
}
