package org.phasic.traces.ports.out;

import java.io.IOException;

/** Proposes registry changes to the registry repository as pull requests. */
public interface RegistryPullRequests {

    /**
     * Opens a pull request that adds or replaces {@code change.entry()} in {@code registry.json} of
     * {@code change.repository()} at {@code change.baseBranch()}: forks the repository when the token cannot push
     * to it, creates a branch, rewrites {@code registry.json} (re-reading and re-applying on concurrent changes)
     * and opens the pull request.
     *
     * @param change what to propose
     * @param token  the credential; sent only to the API host, never shown
     * @return the opened pull request
     * @throws IOException with a message that says what failed (bad token, missing permission, unknown repository
     *                     or branch, rate limit with its reset time, network) and never contains the token
     * @throws IllegalStateException when {@link RegistryChange.Mode#ADD} meets an id that already exists
     */
    PullRequestResult submit(RegistryChange change, AccessToken token) throws IOException;

    /**
     * Step-by-step instructions for proposing {@code change} by hand (when there is no token), including the exact
     * JSON member to add to {@code registry.json} and the pull request text.
     */
    String manualInstructions(RegistryChange change);
}
