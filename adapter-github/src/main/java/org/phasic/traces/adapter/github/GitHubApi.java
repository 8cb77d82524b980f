package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.AccessToken;

/**
 * A minimal GitHub REST client for one token: JSON in and out, the token sent only to the API origin (a network
 * interceptor adds it per hop, so a redirect to any other host carries no credentials), and errors turned into
 * messages that name the request, the status and a hint, never the token.
 */
final class GitHubApi {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final OkHttpClient client;
    private final HttpSettings settings;
    private final AccessToken token;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    GitHubApi(HttpUrl base, OkHttpClient client, HttpSettings settings, AccessToken token, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.token = Objects.requireNonNull(token, "token");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = client.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .followSslRedirects(false)
                .addNetworkInterceptor(this::authorizeApiOrigin)
                .build();
    }

    private Response authorizeApiOrigin(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Request.Builder builder = request.newBuilder().removeHeader("Authorization");
        if (url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port()) {
            builder.header("Authorization", "Bearer " + token.reveal());
        }
        return chain.proceed(builder.build());
    }

    /** The URL of {@code path} (segments separated by '/') below the API root. */
    HttpUrl url(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    JsonNode get(HttpUrl url, String subject) throws IOException {
        return send("GET", url, null, subject);
    }

    JsonNode post(HttpUrl url, JsonNode body, String subject) throws IOException {
        return send("POST", url, body, subject);
    }

    JsonNode put(HttpUrl url, JsonNode body, String subject) throws IOException {
        return send("PUT", url, body, subject);
    }

    JsonNode delete(HttpUrl url, String subject) throws IOException {
        return send("DELETE", url, null, subject);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends one request.
     *
     * @param subject what the request is about, for a 404 message ("repository o/r", "branch main of o/r")
     */
    private JsonNode send(String method, HttpUrl url, JsonNode body, String subject) throws IOException {
        Request request = new Request.Builder().url(url)
                .method(method, body == null ? null : RequestBody.create(mapper.writeValueAsBytes(body), JSON))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", UserAgent.VALUE)
                .build();
        Response response;
        try {
            response = client.newCall(request).execute();
        } catch (IOException e) {
            throw new IOException(token.scrub(HttpFailures.unreachable("reach GitHub at", url, e, settings).getMessage()), e);
        }
        try (response) {
            byte[] bytes = HttpFailures.boundedBody(response, 2 * settings.maxBodyBytes(), "the GitHub answer from", url, settings);
            JsonNode json = parse(bytes);
            if (!response.isSuccessful()) {
                throw failure(method, url, response, json, subject);
            }
            return json;
        }
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            return mapper.nullNode();
        }
    }

    private GitHubApiException failure(String method, HttpUrl url, Response response, JsonNode json, String subject) {
        int status = response.code();
        String apiMessage = json.path("message").asText("");
        String request = method + " " + url.encodedPath();
        String said = apiMessage.isBlank() ? "" : " (" + UntrustedText.printable(apiMessage.strip()) + ")";
        String message;
        if ((status == 403 || status == 429) && "0".equals(response.header("X-RateLimit-Remaining"))) {
            message = "GitHub API rate limit exhausted" + limit(response) + resetTime(response.header("X-RateLimit-Reset"))
                    + ". Hint: wait until then and run the command again";
        } else if ((status == 403 || status == 429) && response.header("Retry-After") != null) {
            message = "GitHub is throttling requests (secondary rate limit" + said + "); retry after "
                    + response.header("Retry-After") + " s. Hint: wait and run the command again";
        } else if (status == 429) {
            message = "GitHub is rate limiting requests" + said + ". Hint: wait a few minutes and run the command again";
        } else if (status == 401) {
            message = "GitHub rejected the token (HTTP 401" + said + "). Hint: the token is wrong or expired; create one with "
                    + "the 'public_repo' scope (or fine-grained: Contents and Pull requests read/write) and set GITHUB_TOKEN";
        } else if (status == 403) {
            message = "GitHub refused " + request + " (HTTP 403" + said + "). Hint: the token lacks permission for " + subject
                    + "; it needs the 'public_repo' scope (or fine-grained: Contents and Pull requests read/write)";
        } else if (status == 404) {
            message = "GitHub has no " + subject + " (HTTP 404 on " + request + "). Hint: check the name, and that the token "
                    + "can see the repository";
        } else {
            message = "GitHub " + request + " failed: HTTP " + status + said;
        }
        return new GitHubApiException(status, apiMessage, token.scrub(message));
    }

    private static String limit(Response response) {
        String limit = response.header("X-RateLimit-Limit");
        return limit == null ? "" : " (" + limit + " requests per hour)";
    }

    private String resetTime(String reset) {
        if (reset == null) {
            return "";
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            long minutes = Math.max(0, Duration.between(clock.instant(), at).toMinutes());
            return "; it resets at " + at + " (in " + minutes + " min)";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
