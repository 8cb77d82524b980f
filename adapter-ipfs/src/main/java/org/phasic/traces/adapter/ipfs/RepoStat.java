package org.phasic.traces.adapter.ipfs;

import java.util.Objects;

/**
 * The daemon's answer to {@code repo/stat}.
 *
 * @param repoSize   bytes used by the repository
 * @param storageMax the configured maximum
 * @param numObjects number of blocks stored
 * @param repoPath   where the repository is
 * @param version    the repository format version
 */
public record RepoStat(long repoSize, long storageMax, long numObjects, String repoPath, String version) {

    public RepoStat {
        Objects.requireNonNull(repoPath, "repoPath");
        Objects.requireNonNull(version, "version");
    }
}
