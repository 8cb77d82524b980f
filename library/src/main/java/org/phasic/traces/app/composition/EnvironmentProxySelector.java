package org.phasic.traces.app.composition;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Proxies from the environment as curl reads them: {@code https_proxy}/{@code HTTPS_PROXY} for https URLs,
 * {@code http_proxy}/{@code HTTP_PROXY} for http URLs ({@code all_proxy}/{@code ALL_PROXY} for both when those are
 * unset), lower case first; {@code no_proxy}/{@code NO_PROXY} lists hosts to reach directly: {@code *}, host names
 * (matching the host and its subdomains, a leading dot or {@code *.} allowed), IP addresses, each optionally with
 * {@code :port}. A proxy URL is {@code [http://|socks5://][user:password@]host[:port]}; its credentials answer the
 * proxy's 407 challenges (see {@link #credentials(SocketAddress)}). CIDR ranges in {@code NO_PROXY} are not
 * supported.
 */
final class EnvironmentProxySelector extends ProxySelector {
    private final Optional<ProxyAddress> https;
    private final Optional<ProxyAddress> http;
    private final List<String> noProxy;
    private final Map<SocketAddress, PasswordAuthentication> credentials = new HashMap<>();

    /** A configured proxy. */
    record ProxyAddress(Proxy proxy, Optional<PasswordAuthentication> credentials) {
    }

    /** @throws IllegalArgumentException naming the variable whose proxy URL is invalid */
    EnvironmentProxySelector(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Optional<ProxyAddress> all = proxy(environment, "all_proxy");
        https = proxy(environment, "https_proxy").or(() -> all);
        http = proxy(environment, "http_proxy").or(() -> all);
        noProxy = variable(environment, "no_proxy")
                .map(value -> Arrays.stream(value.split("[,\\s]+"))
                        .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                        .filter(entry -> !entry.isEmpty())
                        .toList())
                .orElse(List.of());
        https.ifPresent(this::remember);
        http.ifPresent(this::remember);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<ProxyAddress> proxy = scheme.equals("https") ? https : scheme.equals("http") ? http : Optional.empty();
        if (proxy.isEmpty() || bypassed(uri)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy.get().proxy());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to learn: the request fails and is retried or reported
    }

    /** The user and password configured for the proxy at {@code address}. */
    Optional<PasswordAuthentication> credentials(SocketAddress address) {
        return Optional.ofNullable(credentials.get(address));
    }

    boolean bypassed(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String entry : noProxy) {
            if (entry.equals("*") || matches(entry, host, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        String pattern = entry;
        int colon = pattern.lastIndexOf(':');
        if (colon > 0 && pattern.indexOf(':') == colon && pattern.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            if (Integer.parseInt(pattern.substring(colon + 1)) != port) {
                return false;
            }
            pattern = pattern.substring(0, colon);
        }
        if (pattern.startsWith("[") && pattern.endsWith("]")) {
            pattern = pattern.substring(1, pattern.length() - 1);
        }
        if (pattern.startsWith("*.")) {
            pattern = pattern.substring(1);
        }
        if (pattern.startsWith(".")) {
            pattern = pattern.substring(1);
        }
        return !pattern.isEmpty() && (host.equals(pattern) || host.endsWith("." + pattern));
    }

    private void remember(ProxyAddress address) {
        address.credentials().ifPresent(credential -> credentials.put(address.proxy().address(), credential));
    }

    private static Optional<String> variable(Map<String, String> environment, String lowerName) {
        String value = environment.get(lowerName);
        if (value == null || value.isBlank()) {
            value = environment.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<ProxyAddress> proxy(Map<String, String> environment, String lowerName) {
        return variable(environment, lowerName).map(value -> parse(lowerName.toUpperCase(Locale.ROOT), value));
    }

    static ProxyAddress parse(String variable, String value) {
        String text = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid proxy URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = switch (scheme) {
            case "http" -> Proxy.Type.HTTP;
            case "socks", "socks5", "socks5h" -> Proxy.Type.SOCKS;
            default -> throw new IllegalArgumentException(variable + " uses the unsupported proxy scheme '" + scheme
                    + "' (supported: http, socks5)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " names no proxy host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : type == Proxy.Type.HTTP ? 80 : 1080;
        Proxy proxy = new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port));
        Optional<PasswordAuthentication> credential = Optional.ofNullable(uri.getRawUserInfo()).map(info -> {
            int colon = info.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            return new PasswordAuthentication(user, password.toCharArray());
        });
        return new ProxyAddress(proxy, credential);
    }
}
