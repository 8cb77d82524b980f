package org.phasic.traces.adapter.ipfs.daemon;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.phasic.traces.adapter.ipfs.ApiAddress;

/**
 * What {@code daemon status} reports, and what tier selection decided.
 *
 * @param tier       the tier in use (or that would be used)
 * @param apiAddress the API address in use, or the one that was tried
 * @param version    the daemon's version if one answers
 * @param repoPath   the IPFS repository ({@code $IPFS_PATH} or {@code ~/.ipfs})
 * @param startedPid the process id if this call started the daemon
 * @param hint       one line for the user: what happens, or how to get a faster tier
 */
public record DaemonStatus(DaemonTier tier, ApiAddress apiAddress, Optional<String> version, Path repoPath,
                           OptionalLong startedPid, String hint) {

    public DaemonStatus {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(apiAddress, "apiAddress");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(repoPath, "repoPath");
        Objects.requireNonNull(startedPid, "startedPid");
        Objects.requireNonNull(hint, "hint");
    }

    /** Whether a daemon answers at {@link #apiAddress()}. */
    public boolean answering() {
        return version.isPresent();
    }

    /** One line, for example {@code tier 3 (daemon): IPFS 0.29.0 at http://127.0.0.1:5001, repo /home/u/.ipfs}. */
    public String summary() {
        return "tier " + tier.level() + " (" + tier.name().toLowerCase(Locale.ROOT).replace('_', '-') + "): "
                + version.map(v -> "IPFS " + v + " at " + apiAddress.baseUri()).orElse("no daemon at " + apiAddress.baseUri())
                + ", repo " + repoPath;
    }
}
