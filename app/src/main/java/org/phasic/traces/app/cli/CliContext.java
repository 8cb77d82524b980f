package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.composition.Profiles;
import org.phasic.traces.app.composition.UseCases;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.ConfigFile;
import org.phasic.traces.app.config.ConfigLoader;
import org.phasic.traces.app.config.CoreSettings;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/** What a sub-command needs from the top-level command: the effective configuration, the use cases and the output. */
public final class CliContext {
    private final Map<String, ConfigLoader.FlagValue> flags;
    private final Map<String, String> environment;
    private final Path userHome;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final BulkRelaunch bulkRelaunch;
    private Composition composition;
    private Profiles profiles;
    private Optional<ConsoleTransferProgress> console;

    /**
     * The options every command takes, as given on the command line.
     *
     * @param home     {@code --home}, or null
     * @param profile  {@code --profile}, or null
     * @param offline  {@code --offline}
     * @param settings {@code --set KEY=VALUE}s
     * @param quiet    {@code --quiet}
     */
    record GlobalOptions(Path home, String profile, boolean offline, Map<String, String> settings, boolean quiet) {
        GlobalOptions {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /** The context of a command line with {@code options}. */
    static CliContext of(GlobalOptions options, Map<String, String> environment, Path userHome, PrintWriter out,
                         PrintWriter err) {
        Map<String, ConfigLoader.FlagValue> flags = new LinkedHashMap<>();
        options.settings().forEach((key, value) -> flags.put(key, new ConfigLoader.FlagValue(value, "--set " + key)));
        if (options.home() != null) {
            flags.put(Configuration.HOME, new ConfigLoader.FlagValue(options.home().toString(), "--home"));
        }
        if (options.profile() != null) {
            flags.put(Configuration.PROFILE, new ConfigLoader.FlagValue(options.profile(), "--profile"));
        }
        if (options.offline()) {
            flags.put("offline", new ConfigLoader.FlagValue("true", "--offline"));
        }
        return new CliContext(flags, environment, userHome, out, err, options.quiet());
    }

    CliContext(Map<String, ConfigLoader.FlagValue> flags, Map<String, String> environment, Path userHome,
               PrintWriter out, PrintWriter err, boolean quiet) {
        this.flags = new LinkedHashMap<>(flags);
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.quiet = quiet;
        this.bulkRelaunch = BulkRelaunch.of(this.environment, quiet);
    }

    private Composition composition() {
        if (composition == null) {
            TransferProgress progress = console().<TransferProgress>map(line -> line).orElse(TransferProgress.NONE);
            composition = Composition.create(profiles(), flags, environment, userHome, this::note,
                    bulkRelaunch.watching(progress));
        }
        return composition;
    }

    /** The profile plugins, found once for the configuration, the config file and its check. */
    private synchronized Profiles profiles() {
        if (profiles == null) {
            profiles = DistributionPlugins.profiles();
        }
        return profiles;
    }

    /** The status line on standard error, when progress is drawn (standard error a terminal, not quiet). */
    synchronized Optional<ConsoleTransferProgress> console() {
        if (console == null) {
            console = quiet || !Terminals.stderr() ? Optional.empty()
                    : Optional.of(new ConsoleTransferProgress(err, System::currentTimeMillis));
        }
        return console;
    }

    /** The effective configuration (loaded once). */
    public Configuration configuration() {
        return composition().configuration();
    }

    /** The config file of the home folder the flags and environment choose, for {@code config set} and {@code config unset}. */
    ConfigFile configFile() {
        return Composition.configFile(profiles(), flags, environment, userHome);
    }

    /**
     * Loads the whole configuration afresh, as the next command will, and lets the active profiles check their settings.
     *
     * @throws ConfigException for the first problem
     */
    void checkConfiguration() {
        try (Composition fresh = Composition.create(profiles(), flags, environment, userHome,
                Notices.silent(), TransferProgress.NONE)) {
            fresh.configuration();
        } catch (RuntimeException e) {
            throw ConfigException.in(e).orElseThrow(() -> e);
        }
    }

    /** The use cases of the active profiles. */
    public UseCases useCases() {
        return composition().useCases();
    }

    /**
     * The check that runs a command again with the optimizing compiler when it is about to fetch a lot on C1 alone;
     * {@code get} and {@code install} arm it ({@link #armBulkRelaunch}) on their thread before calling their use case.
     */
    BulkRelaunch bulkRelaunch() {
        return bulkRelaunch;
    }

    /** Arms {@link #bulkRelaunch()} on this thread with the {@code relaunch.bytes} setting, when the launcher turned it on. */
    void armBulkRelaunch() {
        if (bulkRelaunch.available()) {
            bulkRelaunch.arm(CoreSettings.from(configuration()).relaunchBytes());
        }
    }

    /** The process environment this command line was given. */
    Map<String, String> environment() {
        return environment;
    }

    /** The user's home folder. */
    Path userHome() {
        return userHome;
    }

    /** Closes what the use cases opened, if anything was. */
    void close() {
        if (composition != null) {
            try {
                composition.close();
            } catch (RuntimeException e) {
                note("could not release every connection: " + e.getMessage());
            }
        }
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether {@code --quiet} was given: print results only, no progress or notes. */
    public boolean quiet() {
        return quiet;
    }

    /**
     * Prints a warning about the results to standard error, also when quiet: quiet silences chatter, not a reason to
     * distrust the results (such as a superseded trace).
     */
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    /** Prints a note to standard error unless quiet. */
    public void note(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }
}
