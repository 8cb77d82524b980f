package org.phasic.traces.adapter.gateway;

import java.net.PasswordAuthentication;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the OkHttp client the gateway source uses. */
final class GatewayHttpClient {
    private GatewayHttpClient() {
    }

    /**
     * A client with the settings' timeouts, at most {@code maxConnectionsPerHost} concurrent requests per host
     * (on a dispatcher of daemon threads), redirects followed but never from https to http, proxies from
     * {@code environment}, and {@link GatewayHeaders}.
     */
    static OkHttpClient create(GatewaySettings settings, Map<String, String> environment) {
        EnvironmentProxySelector proxies = new EnvironmentProxySelector(environment);
        Dispatcher dispatcher = new Dispatcher(daemonPool("phasic-traces gateway http"));
        dispatcher.setMaxRequestsPerHost(settings.maxConnectionsPerHost());
        dispatcher.setMaxRequests(Math.max(64, settings.maxConnectionsPerHost() * settings.gateways().size()));
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.maxConnectionsPerHost() * settings.gateways().size(),
                        1, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .followRedirects(true)
                .followSslRedirects(false)
                .proxySelector(proxies)
                .proxyAuthenticator(proxyAuthenticator(proxies))
                .addNetworkInterceptor(new GatewayHeaders(settings.userAgent(), settings.gateways()))
                .build();
    }

    /** Answers a proxy's 407 (and OkHttp's preemptive CONNECT challenge) once with the configured credentials. */
    private static Authenticator proxyAuthenticator(EnvironmentProxySelector proxies) {
        return (route, response) -> {
            if (route == null || response.request().header("Proxy-Authorization") != null) {
                return null;
            }
            return proxies.credentials(route.proxy().address())
                    .map(credential -> response.request().newBuilder()
                            .header("Proxy-Authorization", basic(credential))
                            .build())
                    .orElse(null);
        };
    }

    private static String basic(PasswordAuthentication credential) {
        return Credentials.basic(credential.getUserName(), new String(credential.getPassword()));
    }

    static ExecutorService daemonPool(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
