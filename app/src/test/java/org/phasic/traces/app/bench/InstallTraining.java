package org.phasic.traces.app.bench;

import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.io.TemporaryFolder;

/**
 * A class-data training run for the build (the app module's prepare-package phase, under
 * {@code -XX:DumpLoadedClassList}): serves a small corpus from a loopback trustless gateway and runs {@code install}
 * through the CLI twice, into an empty home and then again with everything stored, so that the launcher's archive
 * also holds the classes of the network path (the HTTP client and TLS, the gateway adapter, CAR reading, the store's commit).
 * <pre>
 * java -XX:DumpLoadedClassList=FILE -cp ... org.phasic.traces.app.bench.InstallTraining [traces=20]
 * </pre>
 */
public final class InstallTraining {
    private InstallTraining() {
    }

    public static void main(String[] args) throws Exception {
        int traces = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-install-training-")) {
            TraceCorpus corpus = new TraceCorpus(work.path().resolve("corpus"), traces);
            try (CorpusGateway gateway = new CorpusGateway(corpus.blocks())) {
                List<String> settings = List.of("--set", "registry.url=" + corpus.registryUrl(), "--set", "gateway.urls=" + gateway.url());
                Path home = work.path().resolve("home");
                InstallLoop.install(home, settings);
                InstallLoop.install(home, settings);
                if (gateway.requests() < traces) {
                    throw new IllegalStateException("the training install asked the gateway " + gateway.requests()
                            + " times for " + traces + " traces: the network path was not trained");
                }
            }
        }
        trainTls();
    }

    /**
     * The loopback gateway speaks plain HTTP, so the install above never sets up TLS; public gateways and the registry
     * do: a TLS-capable client, built here, brings the JDK's TLS and certificate classes into the archive as well.
     */
    private static void trainTls() {
        if (new OkHttpClient().sslSocketFactory() == null) {
            throw new IllegalStateException("no TLS socket factory: the TLS path was not trained");
        }
    }
}
