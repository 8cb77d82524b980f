package org.phasic.traces.adapter.github;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * How {@link GitHubPullRequests} talks to GitHub.
 *
 * @param apiBaseUrl        the REST API root: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
 *                          Enterprise (plain http only to the loopback host, for tests)
 * @param webBaseUrl        where people browse repositories: {@code https://github.com}
 * @param forkPollInterval  pause between checks whether a new fork answers
 * @param forkPollAttempts  how many checks before giving up on a fork
 * @param updateAttempts    how many times {@code registry.json} is re-read and re-applied when it changed concurrently
 */
public record GitHubSettings(String apiBaseUrl, String webBaseUrl, Duration forkPollInterval, int forkPollAttempts,
                             int updateAttempts) {
    /** api.github.com; a fork is waited for up to 60 s; three update attempts. */
    public static final GitHubSettings DEFAULTS = new GitHubSettings("https://api.github.com", "https://github.com",
            Duration.ofSeconds(2), 30, 3);

    /** Key of {@link #apiBaseUrl()}. */
    public static final String API = "github.api";
    /** Key of the access token for pull requests (a secret; not part of these settings). */
    public static final String TOKEN = "github.token";

    /** The configuration keys of GitHub access, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.secret(TOKEN, "GitHub token for publish pull requests (scope public_repo); never shown",
                        "GITHUB_TOKEN", "GH_TOKEN"),
                ConfigKey.of(API, ConfigKey.Type.URL, DEFAULTS.apiBaseUrl(),
                        "GitHub REST API root (GitHub Enterprise: https://HOST/api/v3)"));
    }

    /** {@link #DEFAULTS} with the API root {@code settings} name ({@link GitHubPullRequests} checks it). */
    public static GitHubSettings from(Settings settings) {
        return DEFAULTS.withApiBaseUrl(settings.require(API));
    }

    public GitHubSettings {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(webBaseUrl, "webBaseUrl");
        Objects.requireNonNull(forkPollInterval, "forkPollInterval");
        if (forkPollInterval.isNegative() || forkPollAttempts < 1 || updateAttempts < 1) {
            throw new IllegalArgumentException("forkPollInterval must be >= 0, forkPollAttempts and updateAttempts >= 1");
        }
    }

    /** These settings with another API root (and the same web root). */
    public GitHubSettings withApiBaseUrl(String url) {
        return new GitHubSettings(url, webBaseUrl, forkPollInterval, forkPollAttempts, updateAttempts);
    }

    /** These settings with another fork polling pace. */
    public GitHubSettings withForkPolling(Duration interval, int attempts) {
        return new GitHubSettings(apiBaseUrl, webBaseUrl, interval, attempts, updateAttempts);
    }
}
