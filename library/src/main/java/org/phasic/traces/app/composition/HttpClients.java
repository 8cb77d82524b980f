package org.phasic.traces.app.composition;

import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.domain.concurrent.DaemonThreads;

/**
 * The one base HTTP client every adapter specialises with {@code newBuilder()}: proxies from the environment
 * ({@link EnvironmentProxySelector}, with the proxy URL's credentials answering a 407), the User-Agent
 * {@code phasic-traces/<version>} on requests that set none, one connection pool and one dispatcher on daemon
 * threads (so an idle client never keeps the JVM alive).
 */
final class HttpClients {
    /** Idle connections kept for reuse, over all hosts. */
    static final int IDLE_CONNECTIONS = 16;
    /** How long an idle connection is kept. */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    private HttpClients() {
    }

    /**
     * @throws ConfigException when a proxy variable holds an invalid URL
     */
    static OkHttpClient base(Map<String, String> environment, String userAgent) {
        return builder(environment, userAgent).build();
    }

    /**
     * {@link #base} for plain HTTP only (a loopback or LAN gateway): building a client that may speak TLS loads and
     * parses the JDK's trust store, a noticeable part of a short command; this one never does, and refuses https.
     */
    static OkHttpClient cleartext(Map<String, String> environment, String userAgent) {
        return builder(environment, userAgent).connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    }

    private static OkHttpClient.Builder builder(Map<String, String> environment, String userAgent) {
        EnvironmentProxySelector proxies;
        try {
            proxies = new EnvironmentProxySelector(environment);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid proxy setting: " + e.getMessage(),
                    "fix or unset HTTPS_PROXY / HTTP_PROXY / NO_PROXY");
        }
        return new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(DaemonThreads.cached("phasic-traces http")))
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .proxySelector(proxies)
                .proxyAuthenticator(proxyAuthenticator(proxies))
                .addInterceptor(chain -> chain.request().header("User-Agent") != null
                        ? chain.proceed(chain.request())
                        : chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
    }

    /**
     * {@code base} for a local service such as the IPFS daemon's RPC API: never through a proxy, a short connect
     * timeout.
     */
    static OkHttpClient direct(OkHttpClient base, Duration connectTimeout) {
        return base.newBuilder().proxy(Proxy.NO_PROXY).connectTimeout(connectTimeout).build();
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
}
