package org.phasic.traces.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.out.PullRequestResult;
import org.phasic.traces.ports.out.RegistryChange;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistryPullRequests;

/**
 * Registry pull requests over the GitHub REST API: check push permission, fork when needed (and wait until the fork
 * answers), branch from the base head, rewrite {@code registry.json} through the contents API with its blob
 * {@code sha} (on a conflict: re-read, re-apply, retry, bounded), open the pull request.
 */
public final class GitHubPullRequests implements RegistryPullRequests {
    private static final String REGISTRY_FILE = "registry.json";
    private static final DateTimeFormatter BRANCH_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final OkHttpClient client;
    private final HttpSettings http;
    private final GitHubSettings settings;
    private final JacksonRegistryCodec codec;
    private final Clock clock;
    private final HttpUrl apiBase;

    /**
     * @param client   HTTP client to derive from (shares its pool)
     * @param http     timeouts and body limit
     * @param settings API root, fork polling, update attempts
     * @param codec    the registry codec used to re-apply the entry
     * @param clock    for {@code updated} and branch names
     * @throws IllegalArgumentException when the API root is not https (or http to the loopback host)
     */
    public GitHubPullRequests(OkHttpClient client, HttpSettings http, GitHubSettings settings, JacksonRegistryCodec codec, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apiBase = SafeUrls.httpsOrLoopback(settings.apiBaseUrl(), "GitHub API URL");
    }

    @Override
    public PullRequestResult submit(RegistryChange change, AccessToken token) throws IOException {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(token, "token");
        String upstream = change.repository();
        GitHubNames.checkRepository(upstream);
        GitHubNames.checkBranch(change.baseBranch());
        GitHubApi api = new GitHubApi(apiBase, client, http, token, clock);

        JsonNode repository = api.get(api.url("repos/" + upstream), "repository " + upstream);
        boolean canPush = repository.path("permissions").path("push").asBoolean(false);
        String head = canPush ? upstream : fork(api, upstream);

        JsonNode baseRef = api.get(api.url("repos/" + upstream + "/git/ref/heads/" + change.baseBranch()),
                "branch " + change.baseBranch() + " of " + upstream);
        String baseSha = requireText(baseRef.path("object").path("sha"), "object.sha of the base branch");
        String branch = changeBranch(change);
        ObjectNode ref = api.mapper().createObjectNode().put("ref", "refs/heads/" + branch).put("sha", baseSha);
        api.post(api.url("repos/" + head + "/git/refs"), ref, "repository " + head);
        try {
            updateRegistry(api, head, branch, change);
        } catch (IOException | RuntimeException e) {
            deleteBranchQuietly(api, head, branch);
            throw e;
        }

        String headLabel = canPush ? branch : owner(head) + ":" + branch;
        ObjectNode pull = api.mapper().createObjectNode()
                .put("title", change.title())
                .put("head", headLabel)
                .put("base", change.baseBranch())
                .put("body", PullRequestText.body(change, codec))
                .put("maintainer_can_modify", true);
        JsonNode opened = api.post(api.url("repos/" + upstream + "/pulls"), pull, "repository " + upstream);
        return new PullRequestResult(URI.create(requireText(opened.path("html_url"), "html_url of the pull request")),
                opened.path("number").asInt(), head, branch, !canPush);
    }

    private String fork(GitHubApi api, String upstream) throws IOException {
        ObjectNode request = api.mapper().createObjectNode().put("default_branch_only", false);
        JsonNode fork = api.post(api.url("repos/" + upstream + "/forks"), request, "repository " + upstream);
        String forkName = requireText(fork.path("full_name"), "full_name of the fork");
        GitHubNames.checkRepository(forkName);
        for (int attempt = 1; ; attempt++) {
            try {
                api.get(api.url("repos/" + forkName), "fork " + forkName);
                return forkName;
            } catch (GitHubApiException e) {
                if (e.status() != 404 || attempt >= settings.forkPollAttempts()) {
                    throw e.status() == 404 ? new IOException("the fork " + forkName + " of " + upstream + " did not become available in time. "
                            + "Hint: run the command again in a minute", e) : e;
                }
            }
            pause();
        }
    }

    /** Removes the change branch after a failed update, so no stray branch is left; a failure here is ignored. */
    private static void deleteBranchQuietly(GitHubApi api, String head, String branch) {
        try {
            api.delete(api.url("repos/" + head + "/git/refs/heads/" + branch), "branch " + branch + " of " + head);
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    private void updateRegistry(GitHubApi api, String head, String branch, RegistryChange change) throws IOException {
        HttpUrl contents = api.url("repos/" + head + "/contents/" + REGISTRY_FILE);
        String subject = REGISTRY_FILE + " on branch " + branch + " of " + head;
        for (int attempt = 1; ; attempt++) {
            JsonNode file = api.get(contents.newBuilder().addQueryParameter("ref", branch).build(), subject);
            String sha = requireText(file.path("sha"), "sha of " + REGISTRY_FILE);
            byte[] current = fileContent(api, head, file);
            byte[] updated = apply(current, change, head);
            ObjectNode put = api.mapper().createObjectNode()
                    .put("message", change.title())
                    .put("content", Base64.getEncoder().encodeToString(updated))
                    .put("sha", sha)
                    .put("branch", branch);
            try {
                api.put(contents, put, subject);
                return;
            } catch (GitHubApiException e) {
                if (!isConflict(e) || attempt >= settings.updateAttempts()) {
                    throw isConflict(e) ? new IOException(REGISTRY_FILE + " on " + head + " kept changing while it was being updated ("
                            + attempt + " attempts). Hint: run the command again", e) : e;
                }
            }
        }
    }

    private static boolean isConflict(GitHubApiException e) {
        return e.status() == 409 || (e.status() == 422 && e.apiMessage().toLowerCase(java.util.Locale.ROOT).contains("sha"));
    }

    /** The file bytes of a contents answer; files above 1 MB come without inline content and are read as a blob. */
    private byte[] fileContent(GitHubApi api, String head, JsonNode file) throws IOException {
        JsonNode source = file;
        if (!"base64".equals(file.path("encoding").asText()) || (file.path("content").asText().isEmpty() && file.path("size").asLong() > 0)) {
            source = api.get(api.url("repos/" + head + "/git/blobs/" + file.path("sha").asText()), "blob of " + REGISTRY_FILE + " in " + head);
        }
        try {
            return Base64.getMimeDecoder().decode(source.path("content").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("GitHub sent " + REGISTRY_FILE + " of " + head + " in an unreadable encoding: " + e.getMessage(), e);
        }
    }

    private byte[] apply(byte[] current, RegistryChange change, String head) throws IOException {
        Registry registry;
        try {
            registry = codec.read(current);
        } catch (RegistryFormatException e) {
            throw new IOException(REGISTRY_FILE + " of " + head + " cannot be read: " + e.getMessage()
                    + ". Hint: fix the registry file first", e);
        }
        TraceEntry entry = change.entry();
        if (change.mode() == RegistryChange.Mode.ADD && registry.find(entry.id()).isPresent()) {
            throw new IllegalStateException("trace " + entry.id() + " already exists in " + change.repository() + "@"
                    + change.baseBranch() + "; publish it under a new id, or as a new version to replace it");
        }
        return codec.toBytes(registry.with(entry, timestamp()));
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private String changeBranch(RegistryChange change) {
        String id = change.entry().id().value().replaceAll("\\.+", "-");
        String verb = change.mode() == RegistryChange.Mode.ADD ? "add" : "update";
        return "phasic-traces/" + verb + "-" + id + "-" + BRANCH_STAMP.format(clock.instant());
    }

    private static String owner(String repository) {
        return repository.substring(0, repository.indexOf('/'));
    }

    private static String requireText(JsonNode node, String what) throws IOException {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IOException("GitHub's answer lacks " + what);
        }
        return node.asText();
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(settings.forkPollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the fork");
        }
    }

    @Override
    public String manualInstructions(RegistryChange change) {
        return PullRequestText.manualInstructions(change, codec, settings.webBaseUrl(), timestamp());
    }

    @Override
    public String toString() {
        return "GitHubPullRequests[" + apiBase + "]";
    }
}
