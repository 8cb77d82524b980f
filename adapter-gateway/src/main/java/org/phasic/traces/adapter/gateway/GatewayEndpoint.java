package org.phasic.traces.adapter.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HTTP gateway: its base URL (requests go to {@code {url}/ipfs/...}) and headers sent to that origin only,
 * e.g. an access token for a private gateway. The headers never follow a redirect to another origin and never
 * appear in {@link #toString()}.
 *
 * @param url     http or https, with a host, optionally a path prefix; no credentials, query or fragment
 * @param headers header name to value (may be empty)
 */
public record GatewayEndpoint(URI url, Map<String, String> headers) {
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public GatewayEndpoint {
        url = normalized(Objects.requireNonNull(url, "url"));
        headers = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        headers.forEach(GatewayEndpoint::checkHeader);
    }

    /**
     * A gateway without extra headers.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code url}
     */
    public static GatewayEndpoint parse(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return new GatewayEndpoint(new URI(url.strip()), Map.of());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid gateway URL '" + url + "': " + e.getMessage(), e);
        }
    }

    /** This gateway with one more header for its origin (e.g. {@code Authorization: Bearer ...}). */
    public GatewayEndpoint withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayEndpoint(url, more);
    }

    /** The scheme, host and port requests to this gateway go to, e.g. {@code https://ipfs.io:443}. */
    public String origin() {
        return origin(url.getScheme(), url.getHost(), effectivePort(url.getScheme(), url.getPort()));
    }

    static String origin(String scheme, String host, int port) {
        return scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static int effectivePort(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }

    @Override
    public String toString() {
        return url.toString();
    }

    private static URI normalized(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("invalid gateway URL '" + url + "': only http and https are supported");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("invalid gateway URL '" + url + "': no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("invalid gateway URL: credentials do not belong in the URL of gateway "
                    + url.getHost() + "; configure a header instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid gateway URL '" + url + "': no query or fragment allowed");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + url.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid gateway URL '" + url + "': " + e.getMessage(), e);
        }
    }

    private static void checkHeader(String name, String value) {
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid header name '" + name + "' for a gateway");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("invalid value for gateway header " + name + ": line breaks are not allowed");
        }
    }
}
