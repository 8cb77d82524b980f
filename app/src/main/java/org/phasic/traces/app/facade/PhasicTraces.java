package org.phasic.traces.app.facade;

import java.io.IOException;
import org.phasic.traces.app.composition.Composition;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.application.TraceService;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;

/**
 * The Java facade. One line gets a verified trace with the user's configuration:
 * <pre>{@code
 *   PhasicTrace trace = PhasicTraces.get("coalescent_n5_theta1");
 *   double density = trace.pdf(new double[] {1.0}, 1.0, 100);
 * }</pre>
 * or a configured client:
 * <pre>{@code
 *   PhasicTraces client = PhasicTraces.builder().home(Path.of("/data/traces")).profile("offline").build();
 * }</pre>
 */
public final class PhasicTraces {
    private final Composition composition;

    private PhasicTraces(Composition composition) {
        this.composition = composition;
    }

    /** The trace {@code id} with the default configuration (home, config file, environment). */
    public static PhasicTrace get(String id) {
        return builder().build().trace(id);
    }

    /** A builder for a configured client. */
    public static Builder builder() {
        return new Builder();
    }

    /** The verified trace {@code id}: from the local store, or fetched through the configured sources. */
    public PhasicTrace trace(String id) {
        return trace(id, false);
    }

    /** Like {@link #trace(String)}; {@code force} fetches again even when the local store has it. */
    public PhasicTrace trace(String id, boolean force) {
        TraceId traceId = TraceId.of(id);
        try {
            return new PhasicTrace(composition.injector().getInstance(TraceService.class).load(traceId, force));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registry entries matching {@code query}, by id. */
    public List<TraceEntry> list(RegistryQuery query) {
        return composition.injector().getInstance(RegistryService.class).current().search(query);
    }

    /** The effective configuration. */
    public Configuration configuration() {
        return composition.configuration();
    }

    /** Builds a {@link PhasicTraces} client; unset options come from the config file and environment as for the CLI. */
    public static final class Builder {
        private final Map<String, FlagValue> settings = new LinkedHashMap<>();
        private Map<String, String> environment = System.getenv();
        private Path userHome = Path.of(System.getProperty("user.home"));
        private Consumer<String> notices = message -> { };

        private Builder() {
        }

        /** The home folder (store, config file, cached registry). */
        public Builder home(Path home) {
            return set(Configuration.HOME, home.toAbsolutePath().toString());
        }

        /** Active profiles, e.g. {@code "offline"} or {@code "daemon", "s3"}. */
        public Builder profile(String... profiles) {
            return set(Configuration.PROFILE, String.join(",", profiles));
        }

        /** No network at all. */
        public Builder offline(boolean offline) {
            return set("offline", Boolean.toString(offline));
        }

        /** Registry from an https URL or a local file. */
        public Builder registry(String urlOrPath) {
            return set("registry.url", urlOrPath.contains(":") ? urlOrPath : Path.of(urlOrPath).toUri().toString());
        }

        /** Any configuration key, as {@code --set key=value} on the command line. */
        public Builder set(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), new FlagValue(Objects.requireNonNull(value, "value"), "builder " + key));
            return this;
        }

        /** Environment variables to read instead of the process environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Receives one-line notices (fallbacks, repairs); silent by default. */
        public Builder notices(Consumer<String> notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        public PhasicTraces build() {
            return new PhasicTraces(Composition.create(settings, environment, userHome, notices::accept));
        }
    }
}
