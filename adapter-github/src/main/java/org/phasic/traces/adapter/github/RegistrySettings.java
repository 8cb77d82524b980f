package org.phasic.traces.adapter.github;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * Where the registry comes from and how fresh it must be.
 *
 * @param repo           the GitHub repository holding {@code registry.json}
 * @param branch         the branch of {@code repo}
 * @param url            {@code registry.json} from any https URL, {@code file:} URL or path (overrides repo and branch)
 * @param connectTimeout connect timeout when refreshing
 * @param maxAge         how old the cached registry may get before it is refreshed
 * @param maxBytes       the largest registry document downloaded or read
 */
public record RegistrySettings(String repo, String branch, Optional<String> url, Duration connectTimeout, Duration maxAge,
                               long maxBytes) {
    /** Key of {@link #repo()}. */
    public static final String REPO = "registry.repo";
    /** Key of {@link #branch()}. */
    public static final String BRANCH = "registry.branch";
    /** Key of {@link #url()}. */
    public static final String URL = "registry.url";
    /** Key of {@link #connectTimeout()}. */
    public static final String CONNECT_TIMEOUT = "registry.connectTimeout";
    /** Key of {@link #maxAge()}. */
    public static final String MAX_AGE = "registry.maxAge";
    /** Key of {@link #maxBytes()}. */
    public static final String MAX_BYTES = "registry.maxBytes";
    /** The default of {@link #maxBytes()}: 128 MiB, room for about 100,000 entries of today's size. */
    public static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;

    /** The public registry, refreshed after a day, with {@link HttpSettings#DEFAULTS}' connect timeout. */
    public static final RegistrySettings DEFAULTS = new RegistrySettings("munch-group/phasic-traces", "master",
            Optional.empty(), HttpSettings.DEFAULTS.connectTimeout(), Duration.ofHours(24), DEFAULT_MAX_BYTES);

    public RegistrySettings {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES + " must be positive: " + maxBytes);
        }
    }

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of(REPO, ConfigKey.Type.STRING, DEFAULTS.repo(), "GitHub repository holding registry.json")
                        .withCheck(ConfigKey.Check.by(GitHubNames::checkRepository, "owner/name, e.g. munch-group/phasic-traces")),
                ConfigKey.of(BRANCH, ConfigKey.Type.STRING, DEFAULTS.branch(), "branch of registry.repo")
                        .withCheck(ConfigKey.Check.by(GitHubNames::checkBranch,
                                "a branch name of letters, digits, '.', '_', '-' and '/' (no '..', no leading '-', '.' or '/')")),
                ConfigKey.of(URL, ConfigKey.Type.URL, null,
                        "registry.json from any https URL or file: URL (overrides repo/branch)"),
                ConfigKey.duration(CONNECT_TIMEOUT, DEFAULTS.connectTimeout(), "connect timeout when refreshing the registry")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.duration(MAX_AGE, DEFAULTS.maxAge(), "how old the cached registry may get before list/get refresh it"),
                ConfigKey.size(MAX_BYTES, DEFAULT_MAX_BYTES, "largest registry document downloaded or read")
                        .withCheck(ConfigKey.Check.sizeRange(1, Integer.MAX_VALUE)));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static RegistrySettings from(Settings settings) {
        return new RegistrySettings(settings.require(REPO), settings.require(BRANCH), settings.find(URL),
                settings.duration(CONNECT_TIMEOUT), settings.duration(MAX_AGE), settings.size(MAX_BYTES));
    }

    /** {@link HttpSettings#DEFAULTS} with this connect timeout and this largest document. */
    public HttpSettings http() {
        return HttpSettings.DEFAULTS.withConnectTimeout(connectTimeout).withMaxBodyBytes(maxBytes);
    }

    /** The hint given when a registry is larger than {@link #maxBytes()}. */
    public static String tooLargeHint() {
        return "check the location points at registry.json, or raise " + MAX_BYTES;
    }
}
