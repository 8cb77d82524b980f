package org.phasic.traces.application;

import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.ports.out.AccessToken;

/**
 * Where and how {@link PublishService} publishes.
 *
 * @param repository the registry repository pull requests go to, {@code owner/name}
 * @param baseBranch its branch
 * @param profile    the import settings of the directory CID (the public registry uses Kubo's defaults, CIDv0)
 * @param token      the GitHub credential; without one, manual pull request instructions are produced
 */
public record PublishSettings(String repository, String baseBranch, ImportProfile profile, Optional<AccessToken> token) {
    public PublishSettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(baseBranch, "baseBranch");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(token, "token");
    }
}
