package org.phasic.traces.application;

import java.util.List;
import org.phasic.traces.ports.out.ContentPublisher;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.RemotePinning;

/**
 * Where {@link PublishService} puts content and how it checks it.
 *
 * @param publishers    nodes that add and pin the directory (skipped when they do not answer)
 * @param remotePinning pinning services asked to pin the CID
 * @param sources       the fetch chain's sources; the network ones check retrievability
 */
public record PublishTargets(List<ContentPublisher> publishers, List<RemotePinning> remotePinning, List<ContentSource> sources) {
    public PublishTargets {
        publishers = List.copyOf(publishers);
        remotePinning = List.copyOf(remotePinning);
        sources = List.copyOf(sources);
    }
}
