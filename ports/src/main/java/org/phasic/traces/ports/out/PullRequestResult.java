package org.phasic.traces.ports.out;

import java.net.URI;

/**
 * An opened pull request.
 *
 * @param url            its web address
 * @param number         its number in the registry repository
 * @param headRepository the repository holding the change branch ({@code owner/name}; a fork when the user cannot push)
 * @param headBranch     the change branch
 * @param forked         whether a fork was used
 */
public record PullRequestResult(URI url, int number, String headRepository, String headBranch, boolean forked) {
}
