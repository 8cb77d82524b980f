package org.phasic.traces.app.composition;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;

/** What the composition root shares with plugins; the base HTTP client is built on first use. */
final class CompositionServices implements PluginServices {
    private final Map<String, String> environment;
    private final Path userHome;
    private final Notices notices;
    private final TransferProgress progress;
    private final String userAgent;
    private final Supplier<OkHttpClient> http;
    private volatile boolean httpBuilt;

    CompositionServices(Map<String, String> environment, Path userHome, Notices notices, TransferProgress progress,
                        String userAgent) {
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.http = Contributions.once(() -> {
            httpBuilt = true;
            return HttpClients.base(this.environment, this.userAgent);
        });
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Path userHome() {
        return userHome;
    }

    @Override
    public Notices notices() {
        return notices;
    }

    @Override
    public TransferProgress progress() {
        return progress;
    }

    @Override
    public String userAgent() {
        return userAgent;
    }

    /** The base HTTP client (built on first use). */
    OkHttpClient http() {
        return http.get();
    }

    /** Whether the base HTTP client has been built. */
    boolean httpBuilt() {
        return httpBuilt;
    }

    @Override
    public <T> T shared(Class<T> type) {
        if (type == OkHttpClient.class) {
            return type.cast(http());
        }
        throw new IllegalArgumentException("nothing of type " + type.getName() + " is shared; only "
                + OkHttpClient.class.getName());
    }
}
