package org.phasic.traces.adapter.github;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.phasic.traces.ports.out.RegistrySource;

/**
 * The registry over HTTP(S) with conditional GET: the raw GitHub URL of {@code registry.json} in a repository
 * branch, or any https URL (plain http only to the loopback host, for tests and local mirrors). Answers larger than
 * the body limit are refused (as soon as more has arrived; the body is streamed, never held whole); every failure is an {@link IOException} naming the URL, the status or the transport
 * problem, and a hint.
 */
public final class HttpRegistrySource implements RegistrySource {
    /** Where raw GitHub files are served from. */
    public static final String RAW_GITHUB = "https://raw.githubusercontent.com/";

    private final String location;
    private HttpUrl url;
    private final Supplier<OkHttpClient> base;
    private final HttpSettings settings;
    private OkHttpClient client;

    /**
     * @param location the checked URL as text (what {@link #location()} answers)
     * @param url      the same URL parsed, or null to parse it on the first download
     */
    private HttpRegistrySource(String location, HttpUrl url, Supplier<OkHttpClient> base, HttpSettings settings) {
        this.location = Objects.requireNonNull(location, "location");
        this.url = url;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.base = Objects.requireNonNull(base, "client");
    }

    /**
     * The URL as OkHttp parses it, on the first download: the location of the raw GitHub registry is made from checked
     * names, and knowing it (a store hit, which keys the cached copy by it) needs no URL parser.
     */
    private synchronized HttpUrl url() {
        if (url == null) {
            url = SafeUrls.httpsOrLoopback(location, "registry URL");
        }
        return url;
    }

    /** The HTTP client, built on the first download: knowing the location needs none. */
    private synchronized OkHttpClient client() {
        if (client == null) {
            client = Objects.requireNonNull(base.get(), "client").newBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .readTimeout(settings.readTimeout())
                    .callTimeout(settings.callTimeout())
                    .followSslRedirects(false)
                    .build();
        }
        return client;
    }

    /**
     * The registry at {@code url}: https, or http to 127.0.0.1/localhost only; no credentials in the URL.
     *
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static HttpRegistrySource forUrl(String url, OkHttpClient client, HttpSettings settings) {
        Objects.requireNonNull(client, "client");
        return forUrl(url, () -> client, settings);
    }

    /** {@link #forUrl(String, OkHttpClient, HttpSettings)} with a client made on the first download. */
    public static HttpRegistrySource forUrl(String url, Supplier<OkHttpClient> client, HttpSettings settings) {
        HttpUrl checked = SafeUrls.httpsOrLoopback(url, "registry URL");
        return new HttpRegistrySource(checked.toString(), checked, client, settings);
    }

    /**
     * {@code https://raw.githubusercontent.com/{repo}/{branch}/registry.json}.
     *
     * @param repo   {@code owner/name}
     * @param branch a branch name (letters, digits, {@code . _ - /}; no {@code ..})
     * @throws IllegalArgumentException saying what is wrong with the repository or branch
     */
    public static HttpRegistrySource forGitHub(String repo, String branch, OkHttpClient client, HttpSettings settings) {
        Objects.requireNonNull(client, "client");
        return forGitHub(repo, branch, () -> client, settings);
    }

    /** {@link #forGitHub(String, String, OkHttpClient, HttpSettings)} with a client made on the first download. */
    public static HttpRegistrySource forGitHub(String repo, String branch, Supplier<OkHttpClient> client, HttpSettings settings) {
        return new HttpRegistrySource(rawGitHubUrl(repo, branch), null, client, settings);
    }

    /** The raw GitHub URL of {@code registry.json} in {@code repo} at {@code branch}, after checking both. */
    public static String rawGitHubUrl(String repo, String branch) {
        GitHubNames.checkRepository(repo);
        GitHubNames.checkBranch(branch);
        return RAW_GITHUB + repo + "/" + branch + "/registry.json";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public RegistryDownload fetch(Optional<String> etag) throws IOException {
        return RegistrySource.gathered(this, etag);
    }

    @Override
    public RegistryDownload fetch(Optional<String> etag, OutputStream body) throws IOException {
        HttpUrl url = url();
        Request.Builder request = new Request.Builder().url(url).get()
                .header("Accept", "application/json, text/plain;q=0.9, */*;q=0.1")
                .header("User-Agent", UserAgent.VALUE);
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        Response response;
        try {
            response = client().newCall(request.build()).execute();
        } catch (IOException e) {
            throw HttpFailures.unreachable("fetch the registry from", url, e, settings);
        }
        try (response) {
            if (response.code() == 304 && etag.isPresent()) {
                return new RegistryDownload.NotModified();
            }
            if (response.code() != 200) {
                throw new IOException("cannot fetch the registry from " + url + ": HTTP " + response.code()
                        + statusText(response) + ". Hint: " + hint(response.code()));
            }
            HttpFailures.copyBody(response, body, settings.maxBodyBytes(), "the registry at", url, settings, RegistrySettings.tooLargeHint());
            return new RegistryDownload.Streamed(Optional.ofNullable(response.header("ETag")));
        }
    }

    private static String statusText(Response response) {
        return response.message().isBlank() ? "" : " " + response.message();
    }

    private String hint(int code) {
        if (code == 404) {
            return location.startsWith(RAW_GITHUB)
                    ? "check the repository and branch (registry.repo, registry.branch); the repository must be public"
                    : "check the registry URL (registry.url)";
        }
        if (code == 401 || code == 403) {
            return "the server refuses access; the registry must be readable without credentials";
        }
        if (code == 429) {
            return "the server is rate limiting requests; try again in a few minutes";
        }
        if (code >= 500) {
            return "the server failed; try again later";
        }
        return "check the registry URL";
    }

    @Override
    public String toString() {
        return "HttpRegistrySource[" + location + "]";
    }
}
