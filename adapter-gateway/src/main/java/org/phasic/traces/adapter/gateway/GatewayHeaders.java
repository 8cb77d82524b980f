package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor, so it sees every hop of a redirect: sets the User-Agent, and adds a gateway's configured
 * headers (tokens) only to requests for that gateway's own origin (scheme, host and port). A redirect to another
 * origin therefore carries none of them.
 */
final class GatewayHeaders implements Interceptor {
    private final String userAgent;
    private final Map<String, Map<String, String>> headersByOrigin = new HashMap<>();

    GatewayHeaders(String userAgent, List<GatewayEndpoint> gateways) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        for (GatewayEndpoint gateway : gateways) {
            if (!gateway.headers().isEmpty()) {
                headersByOrigin.merge(gateway.origin(), gateway.headers(), (a, b) -> {
                    Map<String, String> both = new HashMap<>(a);
                    both.putAll(b);
                    return both;
                });
            }
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
        headersByOrigin.getOrDefault(GatewayEndpoint.origin(url.scheme(), url.host(), url.port()), Map.of())
                .forEach(builder::header);
        return chain.proceed(builder.build());
    }
}
