package org.phasic.traces.adapter.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.concurrent.DaemonThreads;

/** Specialises the shared HTTP client for the gateway source. */
final class GatewayHttpClient {
    private GatewayHttpClient() {
    }

    /**
     * {@code base} (which brings the proxies, the connection pool and the User-Agent) with the settings' timeouts,
     * at most {@code maxConnectionsPerHost} concurrent requests per host (on its own dispatcher of daemon threads),
     * redirects followed but never from https to http, and {@link GatewayHeaders}.
     */
    static OkHttpClient create(OkHttpClient base, GatewaySettings settings) {
        Dispatcher dispatcher = new Dispatcher(daemonPool("phasic-traces gateway http"));
        dispatcher.setMaxRequestsPerHost(settings.maxConnectionsPerHost());
        dispatcher.setMaxRequests(Math.max(64, settings.maxConnectionsPerHost() * settings.gateways().size()));
        return base.newBuilder()
                .dispatcher(dispatcher)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .followRedirects(true)
                .followSslRedirects(false)
                .addNetworkInterceptor(new GatewayHeaders(settings.userAgent(), settings.gateways()))
                .build();
    }

    /** Daemon threads named {@code name}, one per task in flight, ended after a minute idle. */
    static ExecutorService daemonPool(String name) {
        return DaemonThreads.cached(name);
    }

    /** At most {@code threads} daemon threads, started as tasks come and ended after a minute idle; tasks queue. */
    static ExecutorService daemonPool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
