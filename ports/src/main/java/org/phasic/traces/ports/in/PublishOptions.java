package org.phasic.traces.ports.in;

/**
 * Choices of one {@link PublishService#publish} call.
 *
 * @param openPullRequest  open the registry pull request (or produce manual instructions without a token)
 * @param checkRetrievable before the pull request, fetch {@code trace.json.gz} back through a network source (an HTTP
 *                         gateway) and verify it against the CID and checksum; fail when none serves it
 */
public record PublishOptions(boolean openPullRequest, boolean checkRetrievable) {
    /** Open the pull request, no retrievability check. */
    public static final PublishOptions DEFAULTS = new PublishOptions(true, false);
}
