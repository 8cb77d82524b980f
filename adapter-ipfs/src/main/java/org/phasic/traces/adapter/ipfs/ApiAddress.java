package org.phasic.traces.adapter.ipfs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Where the Kubo RPC API listens, and where that was learnt from.
 *
 * @param baseUri the endpoint without the {@code /api/v0} suffix, for example {@code http://127.0.0.1:5001}
 * @param source  where the address came from
 */
public record ApiAddress(URI baseUri, Source source) {

    /** Where an address came from, in the order discovery consults them. */
    public enum Source {
        /** Configuration or a command-line flag. */
        EXPLICIT,
        /** The {@code IPFS_API} environment variable. */
        ENVIRONMENT,
        /** The {@code api} file a running daemon writes into its repository. */
        REPO_API_FILE,
        /** The built-in default {@code /ip4/127.0.0.1/tcp/5001}. */
        DEFAULT
    }

    /** Kubo's default API address. */
    public static final String DEFAULT_MULTIADDR = "/ip4/127.0.0.1/tcp/5001";

    public ApiAddress {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Parses a multiaddr ({@code /ip4/127.0.0.1/tcp/5001}, {@code /dns4/host/tcp/5001}, ...) or an
     * {@code http(s)://} URL (a trailing {@code /api/v0} is accepted and dropped).
     *
     * @throws IllegalArgumentException with a message naming the value and the source
     */
    public static ApiAddress parse(String text, Source source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        String value = text.strip();
        try {
            if (value.startsWith("/")) {
                return new ApiAddress(Multiaddr.parse(value).toHttpUri(), source);
            }
            if (value.startsWith("http://") || value.startsWith("https://")) {
                return new ApiAddress(parseUrl(value), source);
            }
            throw new IllegalArgumentException("'" + UntrustedText.printable(value)
                    + "' is neither a multiaddr (/ip4/.../tcp/...) nor an http(s) URL");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IPFS API address from " + describe(source) + ": " + e.getMessage(), e);
        }
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + UntrustedText.printable(value) + "' is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + UntrustedText.printable(value)
                    + "' must be scheme://host[:port][/path] without user info, query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/api/v0")) {
            path = path.substring(0, path.length() - "/api/v0".length());
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    private static String describe(Source source) {
        return switch (source) {
            case EXPLICIT -> "configuration";
            case ENVIRONMENT -> "environment variable IPFS_API";
            case REPO_API_FILE -> "the repository's api file";
            case DEFAULT -> "the default";
        };
    }

    /** The RPC root, for example {@code http://127.0.0.1:5001/api/v0/}. */
    public URI rpcRoot() {
        return URI.create(baseUri + "/api/v0/");
    }

    /** The same endpoint regardless of where it was learnt from. */
    public boolean sameEndpoint(ApiAddress other) {
        return baseUri.equals(other.baseUri);
    }

    @Override
    public String toString() {
        return baseUri + " (from " + describe(source) + ")";
    }
}
