package org.phasic.traces.ports.in;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * What {@link PublishTraceUseCase#publish} did.
 *
 * @param entry              the registry entry
 * @param verification       how the content was verified and where it is, one line each (also in the pull request)
 * @param pullRequest        the opened pull request, when one was opened
 * @param manualInstructions how to open the pull request by hand, when there was no token
 * @param served             whether an IPFS node or a pinning service took the content, or a gateway was seen serving it;
 *                           when none did, the content is in the local store only, nobody can fetch it, and no pull
 *                           request is proposed
 */
public record PublishResult(TraceEntry entry, List<String> verification, Optional<PullRequest> pullRequest,
                            Optional<String> manualInstructions, boolean served) {
    public PublishResult {
        Objects.requireNonNull(entry, "entry");
        verification = List.copyOf(verification);
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(manualInstructions, "manualInstructions");
    }

    /**
     * An opened registry pull request.
     *
     * @param url    its web address
     * @param number its number in the registry repository
     */
    public record PullRequest(URI url, int number) {
    }
}
