package org.phasic.traces.adapter.ipfs;

import java.util.Objects;

/**
 * The daemon's answer to {@code version}.
 *
 * @param version the implementation version, for example {@code 0.29.0}
 * @param commit  the build commit (may be empty)
 * @param repo    the repository format version (may be empty)
 */
public record VersionInfo(String version, String commit, String repo) {

    public VersionInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(repo, "repo");
    }
}
