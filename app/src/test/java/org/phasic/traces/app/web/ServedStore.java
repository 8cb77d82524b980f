package org.phasic.traces.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.config.ServeSettings;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.ServeContentUseCase.ServeIndexSummary;
import org.phasic.traces.spi.ConfigKey;

/**
 * A real {@code serve} over a home whose store holds every bundled trace (installed offline by the CLI), on a free
 * loopback port, with its access log collected.
 */
public final class ServedStore implements AutoCloseable {
    private final Composition composition;
    private final WebServing serving;
    private final Queue<String> accessLog = new ConcurrentLinkedQueue<>();

    private ServedStore(Path home, Path userHome, ServeSettings settings, boolean install, String... ids) throws IOException {
        this(home, userHome, settings, Map.of(), install, ids);
    }

    private ServedStore(Path home, Path userHome, ServeSettings settings, Map<String, String> config, boolean install,
                        String... ids) throws IOException {
        if (install) {
            install(home, userHome, ids);
        }
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PHASIC_TRACES_HOME", home.toString(),
                "PHASIC_TRACES_OFFLINE", "true", "PHASIC_TRACES_SERVE_RESCANINTERVAL", ConfigKey.format(settings.rescanInterval())));
        config.forEach((key, value) -> environment.put(ConfigKey.of(key, ConfigKey.Type.STRING, null, "").environmentVariable(), value));
        composition = Composition.create(Map.of(), environment, userHome, Notices.silent());
        serving = WebServing.start(composition.useCases(), settings, "127.0.0.1", 0, accessLog::add);
    }

    /** Installs the bundled traces {@code ids} (all when none are given) into {@code home}'s store, offline. */
    public static void install(Path home, Path userHome, String... ids) {
        List<String> args = new java.util.ArrayList<>(List.of("--home", home.toString(), "--offline", "--quiet", "install"));
        args.addAll(List.of(ids));
        CliRun install = CliRun.run(Map.of(), userHome, args);
        if (install.code() != 0) {
            throw new IllegalStateException("install failed: " + install.err());
        }
    }

    /** Every bundled trace installed into {@code home}, served with the default limits. */
    public static ServedStore start(Path home, Path userHome) throws IOException {
        return start(home, userHome, ServeSettings.DEFAULTS);
    }

    /** Every bundled trace installed into {@code home}, served with {@code settings} (bind and port ignored: loopback, any free port). */
    public static ServedStore start(Path home, Path userHome, ServeSettings settings) throws IOException {
        return new ServedStore(home, userHome, settings, true);
    }

    /** {@code home}'s store as it is (nothing installed first), served with {@code settings}: a restart. */
    public static ServedStore restart(Path home, Path userHome, ServeSettings settings) throws IOException {
        return new ServedStore(home, userHome, settings, false);
    }

    /** {@code home}'s store as it is, served with the default limits and the configuration keys {@code config} set. */
    public static ServedStore restart(Path home, Path userHome, Map<String, String> config) throws IOException {
        return new ServedStore(home, userHome, ServeSettings.DEFAULTS, config, false);
    }

    /** The bundled traces {@code ids} installed into {@code home}, served with {@code settings}. */
    public static ServedStore startWith(Path home, Path userHome, ServeSettings settings, String... ids) throws IOException {
        if (ids.length == 0) {
            throw new IllegalArgumentException("name at least one trace");
        }
        return new ServedStore(home, userHome, settings, true, ids);
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI address() {
        return serving.address();
    }

    /** {@code address()} resolved against {@code path}. */
    public URI uri(String path) {
        return serving.address().resolve(path);
    }

    /** The bundled registry (what the store's traces are checked against). */
    public static Registry bundledRegistry() {
        try (InputStream in = ServedStore.class.getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            return new JacksonRegistryCodec().read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many traces the server could prove at start. */
    public int provenTraces() {
        return serving.index().traces();
    }

    /** What the server's start found: proven traces, how many it re-derived, notes. */
    public ServeIndexSummary index() {
        return serving.index();
    }

    /** Why stored traces could not be proven, one line each. */
    public List<String> refused() {
        return serving.index().refused();
    }

    /** The access log lines so far. */
    public List<String> accessLog() {
        return List.copyOf(accessLog);
    }

    /**
     * The access log lines once there are at least {@code lines}, or as they are after 5 s: the server writes a
     * request's line after its response is complete, so a client can have read the whole answer before.
     */
    public List<String> accessLogOfAtLeast(int lines) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (accessLog.size() < lines && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return accessLog();
    }

    @Override
    public void close() throws Exception {
        serving.close();
        composition.close();
    }
}
