package org.phasic.traces.ports.in;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The local IPFS (Kubo) daemon that profile {@code daemon} fetches through: its status, and starting one. */
public interface DaemonUseCase {
    /** Which tier fetches would use now; starts nothing. */
    DaemonReport status();

    /**
     * Starts a daemon for the repository (initialising it if needed) unless one already answers; it keeps running.
     *
     * @throws OperationFailedException when none can be started
     */
    DaemonReport start();

    /** Where the API address came from. */
    enum ApiSource { EXPLICIT_SETTING, ENVIRONMENT, REPO_API_FILE, DEFAULT }

    /**
     * @param tier          3 a daemon answers, 2 one would be started, 1 HTTP gateways only
     * @param tierName      e.g. {@code running-daemon}
     * @param api           the API address
     * @param apiSource     where the address came from
     * @param version       the daemon's version, when one answers
     * @param repoPath      its repository
     * @param repoObjects   objects in the repository, when known
     * @param repoBytes     the repository's size, when known
     * @param startedPid    the process started by this call, if any
     * @param profileActive whether profile {@code daemon} is active
     * @param advice        one line on what this means for fetches
     */
    record DaemonReport(int tier, String tierName, URI api, ApiSource apiSource, Optional<String> version, Path repoPath,
                        OptionalLong repoObjects, OptionalLong repoBytes, OptionalLong startedPid, boolean profileActive,
                        String advice) {
        public DaemonReport {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(apiSource, "apiSource");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(repoPath, "repoPath");
        }

        /** This report with {@code active} as {@link #profileActive()}. */
        public DaemonReport withProfileActive(boolean active) {
            return new DaemonReport(tier, tierName, api, apiSource, version, repoPath, repoObjects, repoBytes, startedPid,
                    active, advice);
        }

        /** Whether a daemon answers. */
        public boolean answering() {
            return version.isPresent();
        }
    }
}
