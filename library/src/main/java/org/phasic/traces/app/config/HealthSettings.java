package org.phasic.traces.app.config;

import java.time.Duration;
import java.util.List;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * The settings of pin monitoring ({@code health}).
 *
 * @param timeout     the longest one root block probe may take, connecting included
 * @param jobs        probes running at once
 * @param historyRuns how many runs the history keeps
 */
public record HealthSettings(Duration timeout, int jobs, int historyRuns) {
    /** Key of {@link #timeout()}. */
    public static final String TIMEOUT = "health.timeout";
    /** Key of {@link #jobs()}. */
    public static final String JOBS = "health.jobs";
    /** Key of {@link #historyRuns()}. */
    public static final String HISTORY_RUNS = "health.historyRuns";
    /** Ten seconds per probe, eight probes at once, the last 400 runs (over a year of daily runs). */
    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(10), 8, 400);

    /** The configuration keys of these settings, with the defaults of {@link #DEFAULTS}. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.duration(TIMEOUT, DEFAULTS.timeout(), "time limit of one health probe (a root block from one gateway)")
                        .withCheck(ConfigKey.Check.positiveDuration()),
                ConfigKey.integer(JOBS, DEFAULTS.jobs(), "health probes running at once")
                        .withCheck(ConfigKey.Check.range(1, 64)),
                ConfigKey.integer(HISTORY_RUNS, DEFAULTS.historyRuns(), "health runs kept in <home>/health/history.jsonl")
                        .withCheck(ConfigKey.Check.range(1, 100_000)));
    }

    /** What {@code settings} say for the {@link #keys()}. */
    public static HealthSettings from(Settings settings) {
        return new HealthSettings(settings.duration(TIMEOUT), settings.integer(JOBS), settings.integer(HISTORY_RUNS));
    }
}
