package org.phasic.traces.app.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.composition.UseCases;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.CheckHealthUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.HealthReport;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.LocalTrace;
import org.phasic.traces.ports.in.PublishOptions;
import org.phasic.traces.ports.in.PublishRequest;
import org.phasic.traces.ports.in.PublishResult;
import org.phasic.traces.ports.in.PublishTraceUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase.TraceDetails;
import org.phasic.traces.ports.in.TraceSelection;

/**
 * The Java facade. One line gets a verified trace with the user's configuration:
 * <pre>{@code
 *   PhasicTrace trace = PhasicTraces.get("kingman_n5_theta1");
 *   double density = trace.pdf(new double[] {1.0}, 1.0, 100);
 * }</pre>
 * or a configured client, which owns threads and connections and so is closed after use:
 * <pre>{@code
 *   try (PhasicTraces client = PhasicTraces.builder().home(Path.of("/data/traces")).profile("offline").build()) {
 *       PhasicTrace trace = client.trace("kingman_n5_theta1");
 *   }
 * }</pre>
 * Failures are {@link org.phasic.traces.ports.in.UseCaseException}s (an unknown id, a trace no source delivers, invalid
 * input) whose {@link org.phasic.traces.ports.in.UseCaseException#hint() hint} says what to do.
 */
public final class PhasicTraces implements AutoCloseable {
    private final Composition composition;
    private final UseCases useCases;
    private final Consumer<String> notices;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private PhasicTraces(Composition composition, Consumer<String> notices) {
        this.composition = composition;
        this.useCases = composition.useCases();
        this.notices = notices;
    }

    /** Passes the registry's warning about a trace (superseded, known defect) to the notices, once per client. */
    private void warnOnce(Optional<String> warning) {
        warning.filter(warned::add).ifPresent(notices);
    }

    /**
     * The trace {@code id} with the default configuration (home, config file, environment), as phasic's
     * {@code get_trace}:
     * <pre>{@code
     *   EliminationTrace trace = PhasicTraces.get("kingman_n5_theta1").trace();
     * }</pre>
     */
    public static PhasicTrace get(String id) {
        try (PhasicTraces client = builder().build()) {
            return client.trace(id);
        }
    }

    /** A builder for a configured client. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The verified trace {@code id}: from the local store, or fetched through the configured sources.
     * <pre>{@code
     *   double[] pdf = client.trace("kingman_n5_theta1").pdf(new double[] {1.0}, new double[] {0.5, 1.0}, 0);
     * }</pre>
     */
    public PhasicTrace trace(String id) {
        return trace(id, false);
    }

    /** Like {@link #trace(String)}; {@code force} fetches again even when the local store has it. */
    public PhasicTrace trace(String id, boolean force) {
        TraceId traceId = TraceId.of(id);
        LoadedTrace loaded = useCases.getTrace().get(traceId, force);
        warnOnce(loaded.warning());
        return new PhasicTrace(loaded);
    }

    /**
     * The verified files of trace {@code id} in the local store ({@code trace.json.gz}, {@code metadata.json}, ...),
     * fetched if needed, as phasic's backend {@code get_directory}:
     * <pre>{@code
     *   Path traceFile = client.files("kingman_n5_theta1").file("trace.json.gz").orElseThrow();
     * }</pre>
     */
    public LocalTrace files(String id) {
        TraceId traceId = TraceId.of(id);
        return useCases.getTraceFiles().files(traceId, false);
    }

    /**
     * Registry entries matching every filter of {@code query}, by id, as phasic's {@code TraceRegistry.list_traces}:
     * <pre>{@code
     *   List<TraceEntry> coalescents = client.list(new RegistryQuery(Optional.of("population-genetics"),
     *           Optional.of("coalescent"), List.of(), Optional.empty()));
     * }</pre>
     */
    public List<TraceEntry> list(RegistryQuery query) {
        return useCases.listTraces().list(query);
    }

    /**
     * Registry entries whose id, descriptions or tags contain {@code text} (case-insensitive):
     * <pre>{@code
     *   List<TraceEntry> kingman = client.search("kingman");
     * }</pre>
     */
    public List<TraceEntry> search(String text) {
        return list(new RegistryQuery(Optional.empty(), Optional.empty(), List.of(), Optional.of(text)));
    }

    /**
     * What the registry says about {@code id}, whether the bundled library has it and where the local store keeps it:
     * <pre>{@code
     *   boolean offline = client.show("kingman_n5_theta1").bundled();
     * }</pre>
     */
    public TraceDetails show(String id) {
        TraceId traceId = TraceId.of(id);
        TraceDetails details = useCases.showTrace().show(traceId);
        warnOnce(details.warning());
        return details;
    }

    /**
     * Fetches every trace of a registry collection into the local store (four at a time), as phasic's
     * {@code install_trace_library}; every trace is attempted:
     * <pre>{@code
     *   BatchOutcome outcome = client.install("coalescent_basic");
     *   if (!outcome.ok()) { outcome.failures().forEach(System.err::println); }
     * }</pre>
     */
    public BatchOutcome install(String collection) {
        return install(new TraceSelection(Optional.of(collection), List.of()));
    }

    /** Like {@link #install(String)} for the given ids, or for the whole registry when {@code ids} is empty. */
    public BatchOutcome install(List<String> ids) {
        return install(new TraceSelection(Optional.empty(), ids.stream().map(TraceId::of).toList()));
    }

    private BatchOutcome install(TraceSelection selection) {
        try {
            return useCases.installTraces().install(selection, 4, BatchItem.Listener.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing", e);
        }
    }

    /**
     * Densities of trace {@code id} at {@code times} and their log-likelihood: {@code granularity} 0 gives the exact
     * density where the model is small enough (otherwise phasic's discretised one at its automatic granularity), G &gt; 0
     * phasic's discretised density; θ must lie in the parameter domains the registry entry declares
     * ({@link org.phasic.traces.ports.in.InvalidInputException} otherwise). The result says which method and how
     * accurate:
     * <pre>{@code
     *   double ll = client.evaluate("kingman_n5_theta1", new double[] {1.0}, new double[] {0.5, 1.0}, 0).logLikelihood();
     * }</pre>
     */
    public Evaluation evaluate(String id, double[] theta, double[] times, int granularity) {
        TraceId traceId = TraceId.of(id);
        Evaluation evaluation = useCases.evaluateTrace().evaluate(traceId, theta, times, granularity);
        warnOnce(evaluation.warning());
        return evaluation;
    }

    /**
     * Publishes a trace as phasic's {@code publish_trace}: checks and packages it, keeps it in the local store, adds
     * and pins it on the local IPFS daemon when one answers, and opens the registry pull request (with a GitHub token;
     * otherwise the result says how to open it by hand). When no daemon answers and no pinning service is configured,
     * nothing serves the content: {@link PublishResult#served()} is false and nothing is proposed:
     * <pre>{@code
     *   PublishResult result = client.publish(new PublishRequest(TraceId.of("my_model"), Files.readAllBytes(file),
     *           metadata, Map.of(), false), PublishOptions.DEFAULTS);
     *   result.pullRequest().ifPresent(pr -> System.out.println(pr.url()));
     * }</pre>
     *
     * @throws org.phasic.traces.ports.in.PublishRefusedException naming every problem, before anything was written
     */
    public PublishResult publish(PublishRequest request, PublishOptions options) {
        PublishTraceUseCase publish = useCases.publishTrace();
        try {
            return publish.publish(publish.prepare(request), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pin monitoring, as {@code phasic-traces health}: asks every configured gateway for the root block of each trace
     * (with {@code full}, also a verified fetch of its {@code trace.json.gz}) and the pinning service, when one is
     * configured, for its status; the run is recorded in the home's history, so later runs know since when a trace has
     * been unreachable:
     * <pre>{@code
     *   HealthReport report = client.health(List.of(), false);
     *   report.unreachable().forEach(trace -> System.err.println(trace.id() + " is served by no gateway"));
     * }</pre>
     *
     * @param ids the traces to check; empty for every registry trace
     */
    public HealthReport health(List<String> ids, boolean full) {
        try {
            return useCases.checkHealth().check(new CheckHealthUseCase.Request(List.of(), full,
                    ids.stream().map(TraceId::of).toList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the gateways", e);
        }
    }

    /** The effective configuration. */
    public Configuration configuration() {
        return composition.configuration();
    }

    /** Stops the client's threads and closes its connections; the client cannot be used afterwards. */
    @Override
    public void close() {
        composition.close();
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

        /**
         * Receives one-line notices (fallbacks, repairs) and, once per client and trace, the registry's warning about a
         * superseded or defective trace; silent by default.
         */
        public Builder notices(Consumer<String> notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        public PhasicTraces build() {
            return new PhasicTraces(Composition.create(settings, environment, userHome, notices::accept), notices);
        }
    }
}
