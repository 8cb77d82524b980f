package org.phasic.traces.adapter.github;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.RegistrySource;

/**
 * Picks the registry source: an explicit URL or path wins over the GitHub repository and branch. Sources made
 * here share one HTTP connection pool.
 */
public final class RegistrySources {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

    private final Supplier<OkHttpClient> client;
    private final HttpSettings settings;

    /** A factory whose HTTP sources specialise {@code client} with {@code newBuilder()} (sharing its pool and proxies). */
    public RegistrySources(OkHttpClient client, HttpSettings settings) {
        this(supplierOf(Objects.requireNonNull(client, "client")), settings);
    }

    /**
     * {@link #RegistrySources(OkHttpClient, HttpSettings)} with the client asked for on a source's first download, so
     * that naming a source (its location keys the cached copy) builds no HTTP client.
     */
    public RegistrySources(Supplier<OkHttpClient> client, HttpSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private static Supplier<OkHttpClient> supplierOf(OkHttpClient client) {
        return () -> client;
    }

    /**
     * The source named by {@code urlOrPath} when present, otherwise raw GitHub for {@code repo} at {@code branch}.
     *
     * @throws IllegalArgumentException when the URL, path, repository or branch is invalid (the message says why)
     */
    public RegistrySource select(Optional<String> urlOrPath, String repo, String branch) {
        return urlOrPath.filter(value -> !value.isBlank()).map(this::of).orElseGet(() -> gitHub(repo, branch));
    }

    /** Raw GitHub: {@code https://raw.githubusercontent.com/{repo}/{branch}/registry.json}. */
    public RegistrySource gitHub(String repo, String branch) {
        return HttpRegistrySource.forGitHub(repo, branch, client, settings);
    }

    /**
     * An {@code https://} URL (or {@code http://} to the loopback host), a {@code file:} URL, or a local path.
     *
     * @throws IllegalArgumentException for any other scheme or an unusable path
     */
    public RegistrySource of(String urlOrPath) {
        Objects.requireNonNull(urlOrPath, "urlOrPath");
        Matcher scheme = SCHEME.matcher(urlOrPath);
        if (!scheme.matches()) {
            return new FileRegistrySource(path(urlOrPath), settings.maxBodyBytes());
        }
        return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
            case "https", "http" -> HttpRegistrySource.forUrl(urlOrPath, client, settings);
            case "file" -> new FileRegistrySource(fileUrl(urlOrPath), settings.maxBodyBytes());
            default -> throw new IllegalArgumentException("unsupported registry location '" + UntrustedText.printable(urlOrPath)
                    + "': use an https:// URL, a file: URL or a path");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid registry path '" + UntrustedText.printable(text) + "': " + e.getReason(), e);
        }
    }

    private static Path fileUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
                throw new IllegalArgumentException("file: URL '" + UntrustedText.printable(text) + "' names a remote host; only local files are read");
            }
            if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new IllegalArgumentException("invalid file: URL '" + UntrustedText.printable(text)
                        + "': give an absolute path, e.g. file:///home/me/registry.json, or just the path");
            }
            return Path.of(new URI("file", null, uri.getPath(), null));
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException("invalid file: URL '" + UntrustedText.printable(text) + "': " + e.getMessage(), e);
        }
    }
}
