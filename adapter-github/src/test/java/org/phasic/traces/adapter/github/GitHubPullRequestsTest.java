package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.out.PullRequestResult;
import org.phasic.traces.ports.out.RegistryChange;

class GitHubPullRequestsTest {
    private static final String TOKEN = "ghp_testtoken1234567890";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String BRANCH = "phasic-traces/add-coalescent_n6_theta1-20260301-120000";
    private static final String BASE_SHA = "aa218f56b14c9653891f9e74264a383fa43fefbd";
    private static final String BLOB_SHA = "3d21ec53a331a6f037a91c368710b99387d012c1";

    @StartStop
    private final MockWebServer api = new MockWebServer();
    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();

    private final JacksonRegistryCodec codec = new JacksonRegistryCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final AccessToken token = AccessToken.of(TOKEN);

    private GitHubPullRequests client() {
        GitHubSettings settings = GitHubSettings.DEFAULTS.withApiBaseUrl(api.url("/").toString())
                .withForkPolling(Duration.ofMillis(10), 5);
        return new GitHubPullRequests(new OkHttpClient(), HttpSettings.DEFAULTS, settings, codec, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TraceEntry newEntry() {
        Registry live = new JacksonRegistryCodec().read(LiveRegistry.bytes());
        TraceEntry n5 = live.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();
        return new TraceEntry(TraceId.of("coalescent_n6_theta1"), "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
                "Standard Kingman coalescent for n=6", n5.metadata(),
                Map.of("trace.json.gz", new FileRef("QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB", 600L, Map.of())),
                "sha256:" + "ab".repeat(32), "MIT", null, Map.of());
    }

    private static RegistryChange change() {
        return RegistryChange.of("munch-group/phasic-traces", "master", newEntry(), RegistryChange.Mode.ADD,
                List.of("directory CID computed locally (Kubo defaults, CIDv0)", "the local daemon returned the same CID"));
    }

    private static MockResponse reply(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse repository(boolean push) {
        return reply(200, "{\"full_name\": \"munch-group/phasic-traces\", \"permissions\": {\"admin\": false, \"push\": " + push + ", \"pull\": true}}");
    }

    private static MockResponse baseRef() {
        return reply(200, "{\"ref\": \"refs/heads/master\", \"object\": {\"sha\": \"" + BASE_SHA + "\", \"type\": \"commit\"}}");
    }

    private static MockResponse contents(byte[] file, String sha) {
        String base64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file);
        return reply(200, "{\"type\": \"file\", \"encoding\": \"base64\", \"size\": " + file.length + ", \"name\": \"registry.json\", "
                + "\"sha\": \"" + sha + "\", \"content\": " + quoted(base64 + "\n") + "}");
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse pullOpened() {
        return reply(201, "{\"number\": 7, \"html_url\": \"https://github.com/munch-group/phasic-traces/pull/7\"}");
    }

    private RecordedRequest next() throws InterruptedException {
        RecordedRequest request = api.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("expected another request").isNotNull();
        return request;
    }

    private JsonNode bodyOf(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    private static void assertApiHeaders(RecordedRequest request) {
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("phasic-traces");
    }

    private String expectedRegistryText() {
        String live = LiveRegistry.text().replace("\"updated\": \"2025-10-21T22:03:20Z\"", "\"updated\": \"2026-03-01T12:00:00Z\"");
        String endOfTraces = "\n    }\n  },\n  \"collections\"";
        assertThat(live).contains(endOfTraces);
        return live.replace(endOfTraces, "\n    },\n" + codec.entrySnippet(newEntry()) + "  },\n  \"collections\"") + "\n";
    }

    @Test
    void withPushPermissionBranchesUpdatesAndOpensThePullRequestInOrder() throws Exception {
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{\"ref\": \"refs/heads/" + BRANCH + "\"}"));
        api.enqueue(contents(LiveRegistry.bytes(), BLOB_SHA));
        api.enqueue(reply(200, "{\"content\": {\"sha\": \"new\"}}"));
        api.enqueue(pullOpened());

        PullRequestResult result = client().submit(change(), token);

        assertThat(result).isEqualTo(new PullRequestResult(java.net.URI.create("https://github.com/munch-group/phasic-traces/pull/7"),
                7, "munch-group/phasic-traces", BRANCH, false));
        RecordedRequest repo = next();
        assertThat(repo.getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces HTTP/1.1");
        RecordedRequest ref = next();
        assertThat(ref.getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces/git/ref/heads/master HTTP/1.1");
        RecordedRequest createRef = next();
        assertThat(createRef.getRequestLine()).isEqualTo("POST /repos/munch-group/phasic-traces/git/refs HTTP/1.1");
        assertThat(bodyOf(createRef)).isEqualTo(json.readTree("{\"ref\": \"refs/heads/" + BRANCH + "\", \"sha\": \"" + BASE_SHA + "\"}"));
        RecordedRequest read = next();
        assertThat(read.getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces/contents/registry.json?ref="
                + BRANCH.replace("/", "%2F") + " HTTP/1.1");
        RecordedRequest put = next();
        assertThat(put.getRequestLine()).isEqualTo("PUT /repos/munch-group/phasic-traces/contents/registry.json HTTP/1.1");
        JsonNode putBody = bodyOf(put);
        assertThat(putBody.get("message").asText()).isEqualTo("Add trace coalescent_n6_theta1");
        assertThat(putBody.get("sha").asText()).isEqualTo(BLOB_SHA);
        assertThat(putBody.get("branch").asText()).isEqualTo(BRANCH);
        String written = new String(Base64.getDecoder().decode(putBody.get("content").asText()), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(expectedRegistryText());
        RecordedRequest pull = next();
        assertThat(pull.getRequestLine()).isEqualTo("POST /repos/munch-group/phasic-traces/pulls HTTP/1.1");
        JsonNode pullBody = bodyOf(pull);
        assertThat(pullBody.get("title").asText()).isEqualTo("Add trace coalescent_n6_theta1");
        assertThat(pullBody.get("head").asText()).isEqualTo(BRANCH);
        assertThat(pullBody.get("base").asText()).isEqualTo("master");
        assertThat(pullBody.get("maintainer_can_modify").asBoolean()).isTrue();
        assertThat(pullBody.get("body").asText()).contains(
                "| directory CID | `QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG` |",
                "| `trace.json.gz` | `QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB`, 600 bytes |",
                "| checksum | `sha256:" + "ab".repeat(32) + "` |",
                "### How it was verified\n\n- directory CID computed locally (Kubo defaults, CIDv0)\n- the local daemon returned the same CID\n",
                "```json\n    \"coalescent_n6_theta1\": {\n");
        for (RecordedRequest request : List.of(repo, ref, createRef, read, put, pull)) {
            assertApiHeaders(request);
        }
        assertThat(api.getRequestCount()).isEqualTo(6);
    }

    @Test
    void withoutPushPermissionForksWaitsForTheForkAndOpensTheRequestFromIt() throws Exception {
        api.enqueue(repository(false));
        api.enqueue(reply(202, "{\"full_name\": \"alice/phasic-traces\", \"owner\": {\"login\": \"alice\"}}"));
        api.enqueue(reply(404, "{\"message\": \"Not Found\"}"));
        api.enqueue(reply(200, "{\"full_name\": \"alice/phasic-traces\"}"));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{}"));
        api.enqueue(contents(LiveRegistry.bytes(), BLOB_SHA));
        api.enqueue(reply(201, "{}"));
        api.enqueue(pullOpened());

        PullRequestResult result = client().submit(change(), token);

        assertThat(result.forked()).isTrue();
        assertThat(result.headRepository()).isEqualTo("alice/phasic-traces");
        assertThat(next().getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces HTTP/1.1");
        RecordedRequest fork = next();
        assertThat(fork.getRequestLine()).isEqualTo("POST /repos/munch-group/phasic-traces/forks HTTP/1.1");
        assertApiHeaders(fork);
        assertThat(next().getRequestLine()).isEqualTo("GET /repos/alice/phasic-traces HTTP/1.1");
        assertThat(next().getRequestLine()).isEqualTo("GET /repos/alice/phasic-traces HTTP/1.1");
        assertThat(next().getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces/git/ref/heads/master HTTP/1.1");
        assertThat(next().getRequestLine()).isEqualTo("POST /repos/alice/phasic-traces/git/refs HTTP/1.1");
        assertThat(next().getRequestLine()).startsWith("GET /repos/alice/phasic-traces/contents/registry.json?ref=");
        RecordedRequest put = next();
        assertThat(put.getRequestLine()).isEqualTo("PUT /repos/alice/phasic-traces/contents/registry.json HTTP/1.1");
        assertThat(bodyOf(put).get("branch").asText()).isEqualTo(BRANCH);
        RecordedRequest pull = next();
        assertThat(pull.getRequestLine()).isEqualTo("POST /repos/munch-group/phasic-traces/pulls HTTP/1.1");
        assertThat(bodyOf(pull).get("head").asText()).isEqualTo("alice:" + BRANCH);
    }

    @Test
    void shaConflictRereadsReappliesAndRetries() throws Exception {
        Registry live = codec.read(LiveRegistry.bytes());
        TraceEntry other = new TraceEntry(TraceId.of("aaa_other"), "QmOther", "added meanwhile", null, Map.of(), null, "MIT", null, Map.of());
        byte[] changed = codec.toBytes(live.with(other, "2026-02-28T00:00:00Z"));
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{}"));
        api.enqueue(contents(LiveRegistry.bytes(), BLOB_SHA));
        api.enqueue(reply(409, "{\"message\": \"registry.json does not match " + BLOB_SHA + "\"}"));
        api.enqueue(contents(changed, "c0ffee"));
        api.enqueue(reply(200, "{}"));
        api.enqueue(pullOpened());

        client().submit(change(), token);

        for (int i = 0; i < 4; i++) {
            next();
        }
        assertThat(bodyOf(next()).get("sha").asText()).isEqualTo(BLOB_SHA);
        assertThat(next().getRequestLine()).startsWith("GET /repos/munch-group/phasic-traces/contents/registry.json?ref=");
        JsonNode retry = bodyOf(next());
        assertThat(retry.get("sha").asText()).isEqualTo("c0ffee");
        Registry written = codec.read(Base64.getDecoder().decode(retry.get("content").asText()));
        assertThat(written.traces().keySet()).extracting(TraceId::value).contains("aaa_other", "coalescent_n6_theta1").hasSize(7);
        assertThat(next().getRequestLine()).startsWith("POST /repos/munch-group/phasic-traces/pulls");
    }

    @Test
    void persistentConflictGivesUpAfterTheBoundedAttemptsWithoutOpeningAPullRequest() throws Exception {
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{}"));
        for (int i = 0; i < 3; i++) {
            api.enqueue(contents(LiveRegistry.bytes(), BLOB_SHA + i));
            api.enqueue(reply(409, "{\"message\": \"conflict\"}"));
        }

        api.enqueue(new MockResponse.Builder().code(204).build());

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("kept changing while it was being updated (3 attempts)");
        assertThat(api.getRequestCount()).isEqualTo(10);
        for (int i = 0; i < 9; i++) {
            next();
        }
        assertThat(next().getRequestLine()).isEqualTo("DELETE /repos/munch-group/phasic-traces/git/refs/heads/" + BRANCH + " HTTP/1.1");
    }

    @Test
    void existingIdInAddModeIsRefusedBeforeWriting() throws Exception {
        Registry live = codec.read(LiveRegistry.bytes());
        byte[] withEntry = codec.toBytes(live.with(newEntry(), "2026-02-28T00:00:00Z"));
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{}"));
        api.enqueue(contents(withEntry, BLOB_SHA));
        api.enqueue(reply(422, "{\"message\": \"Reference does not exist\"}"));

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trace coalescent_n6_theta1 already exists in munch-group/phasic-traces@master");
        assertThat(api.getRequestCount()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            next();
        }
        RecordedRequest cleanup = next();
        assertThat(cleanup.getRequestLine()).startsWith("DELETE /repos/munch-group/phasic-traces/git/refs/heads/phasic-traces/add-");
        assertApiHeaders(cleanup);
    }

    @Test
    void badTokenIsExplainedWithoutShowingIt() {
        api.enqueue(reply(401, "{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\"}"));

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessageStartingWith("GitHub rejected the token (HTTP 401 (Bad credentials)). Hint: the token is wrong or expired")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void forbiddenNamesTheRequestAndTheMissingPermission() {
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(new MockResponse.Builder().code(403).setHeader("X-RateLimit-Remaining", "4990")
                .body("{\"message\": \"Resource not accessible by personal access token\"}").build());

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessage("GitHub refused POST /repos/munch-group/phasic-traces/git/refs (HTTP 403 (Resource not accessible by "
                        + "personal access token)). Hint: the token lacks permission for repository munch-group/phasic-traces; it needs "
                        + "the 'public_repo' scope (or fine-grained: Contents and Pull requests read/write)");
    }

    @Test
    void unknownRepositoryAndBranchAreNamed() {
        api.enqueue(reply(404, "{\"message\": \"Not Found\"}"));
        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessageStartingWith("GitHub has no repository munch-group/phasic-traces (HTTP 404 on GET /repos/munch-group/phasic-traces)");

        api.enqueue(repository(true));
        api.enqueue(reply(404, "{\"message\": \"Not Found\"}"));
        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessageStartingWith("GitHub has no branch master of munch-group/phasic-traces");
    }

    @Test
    void exhaustedRateLimitGivesTheResetTime() {
        long reset = NOW.plusSeconds(1800).getEpochSecond();
        api.enqueue(new MockResponse.Builder().code(403).setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Limit", "5000")
                .setHeader("X-RateLimit-Reset", Long.toString(reset)).body("{\"message\": \"API rate limit exceeded\"}").build());

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessage("GitHub API rate limit exhausted (5000 requests per hour); it resets at 2026-03-01T12:30:00Z (in 30 min)."
                        + " Hint: wait until then and run the command again");
    }

    @Test
    void tooManyRequestsWithRetryAfterIsExplained() {
        api.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "60").body("{\"message\": \"secondary\"}").build());

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class)
                .hasMessageContaining("retry after 60 s");
    }

    @Test
    void redirectToAnotherHostCarriesNoAuthorization() throws Exception {
        String target = "http://localhost:" + elsewhere.getPort() + "/repos/munch-group/phasic-traces";
        api.enqueue(new MockResponse.Builder().code(307).setHeader("Location", target).build());
        elsewhere.enqueue(reply(404, "{\"message\": \"Not Found\"}"));

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class);

        assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertThat(redirected).isNotNull();
        assertThat(redirected.getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces HTTP/1.1");
        assertThat(redirected.getHeaders().get("Authorization")).isNull();
        assertThat(redirected.getHeaders().toString()).doesNotContain(TOKEN);
    }

    @Test
    void redirectWithinTheApiHostKeepsAuthorization() throws Exception {
        api.enqueue(new MockResponse.Builder().code(301).setHeader("Location", api.url("/repositories/42").toString()).build());
        api.enqueue(reply(401, "{\"message\": \"Bad credentials\"}"));

        assertThatThrownBy(() -> client().submit(change(), token)).isInstanceOf(GitHubApiException.class);

        next();
        assertThat(next().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void largeRegistryIsReadThroughTheBlobApi() throws Exception {
        api.enqueue(repository(true));
        api.enqueue(baseRef());
        api.enqueue(reply(201, "{}"));
        api.enqueue(reply(200, "{\"sha\": \"" + BLOB_SHA + "\", \"size\": 1500000, \"encoding\": \"none\", \"content\": \"\"}"));
        api.enqueue(reply(200, "{\"sha\": \"" + BLOB_SHA + "\", \"encoding\": \"base64\", \"content\": "
                + quoted(Base64.getEncoder().encodeToString(LiveRegistry.bytes())) + "}"));
        api.enqueue(reply(200, "{}"));
        api.enqueue(pullOpened());

        client().submit(change(), token);

        for (int i = 0; i < 4; i++) {
            next();
        }
        assertThat(next().getRequestLine()).isEqualTo("GET /repos/munch-group/phasic-traces/git/blobs/" + BLOB_SHA + " HTTP/1.1");
        JsonNode put = bodyOf(next());
        assertThat(new String(Base64.getDecoder().decode(put.get("content").asText()), StandardCharsets.UTF_8)).isEqualTo(expectedRegistryText());
    }

    @Test
    void tokenNeverAppearsInToStrings() {
        assertThat(token.toString()).doesNotContain(TOKEN);
        assertThat(client().toString()).doesNotContain(TOKEN);
        assertThat(token.scrub("x " + TOKEN + " y")).isEqualTo("x **** y");
        assertThatThrownBy(() -> AccessToken.of("abc\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abc");
        assertThatThrownBy(() -> AccessToken.of("tok\u00e9n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainHttpApiOnlyOnLoopback() {
        GitHubSettings remote = GitHubSettings.DEFAULTS.withApiBaseUrl("http://api.example.org");

        assertThatThrownBy(() -> new GitHubPullRequests(new OkHttpClient(), HttpSettings.DEFAULTS, remote, codec, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uses plain http; use https");
    }

    @Test
    void manualInstructionsGiveTheStepsAndTheExactEntry() {
        String text = client().manualInstructions(change());

        assertThat(text).contains(
                "No GitHub token is configured (set GITHUB_TOKEN or GH_TOKEN",
                "1. Fork https://github.com/munch-group/phasic-traces on GitHub",
                "git clone https://github.com/<you>/phasic-traces && cd phasic-traces",
                "git checkout -b add-coalescent_n6_theta1 origin/master",
                "set \"updated\" to \"2026-03-01T12:00:00Z\"",
                "phasic-traces registry validate registry.json",
                "git commit -am \"Add trace coalescent_n6_theta1\"",
                "--- registry.json member ---\n" + codec.entrySnippet(newEntry()) + "--- pull request description ---\n",
                "| directory CID | `QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG` |");
        assertThat(api.getRequestCount()).isZero();
    }
}
