package org.phasic.traces.adapter.web.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The site over an in-memory registry, behind a real Jetty server, asked by a plain HTTP client. */
class DiscoverySiteTest {
    private static final Pattern RESULT = Pattern.compile("<li class=\"result\"><h3><a href=\"/trace/([^\"]+)\">");
    private static SiteServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new SiteServer(new SiteFixture().site());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> results(String html) {
        return groups(RESULT, html);
    }

    /** The first group of every match of {@code pattern} in {@code html}, in order. */
    private static List<String> groups(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void theSearchPageListsEveryTraceWithTheCount() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(results(page.body())).containsExactly(SiteFixture.OLD, SiteFixture.HOSTILE, SiteFixture.KINGMAN,
                SiteFixture.TWO);
        assertThat(page.body()).contains("4 traces in the registry.").contains("<html lang=\"en\">")
                .contains("<label for=\"q\">Search text</label>").contains("<label for=\"domain\">Domain</label>");
    }

    @Test
    void textAndEachFilterNarrowTheList() throws Exception {
        assertThat(results(get("?q=KINGMAN").body())).containsExactly(SiteFixture.KINGMAN);
        assertThat(get("?q=KINGMAN").body()).contains("1 of 4 traces match.").contains("value=\"KINGMAN\"");
        assertThat(results(get("?domain=epidemiology").body())).containsExactly(SiteFixture.TWO);
        assertThat(results(get("?model=coalescent").body())).containsExactly(SiteFixture.OLD, SiteFixture.KINGMAN);
        assertThat(results(get("?tag=coalescent&tag=basic").body())).containsExactly(SiteFixture.KINGMAN);
        assertThat(results(get("?params=2").body())).containsExactly(SiteFixture.TWO);
        assertThat(results(get("?params=1&domain=population-genetics&q=coalescent").body()))
                .containsExactly(SiteFixture.OLD, SiteFixture.KINGMAN);
        HttpResponse<String> none = get("?q=nothing+like+this");
        assertThat(results(none.body())).isEmpty();
        assertThat(none.body()).contains("0 of 4 traces match.");
    }

    @Test
    void aBadParameterCountIsABadRequestSayingWhy() throws Exception {
        HttpResponse<String> page = get("?params=%3Cb%3Emany");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("the number of parameters must be a whole number from 0 to 10000, not &#39;&lt;b&gt;many&#39;");
    }

    @Test
    void aQueryThatIsNotPercentEncodedUtf8IsABadRequest() throws Exception {
        for (String query : List.of("?q=%C3%28", "?q=%FF&domain=x")) {
            HttpResponse<String> page = get(query);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("the query string is not valid percent-encoded UTF-8");
        }
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.getOutputStream().write("GET /?q=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void aTracePageShowsEntryFilesSnippetsAvailabilityAndThePlot() throws Exception {
        HttpResponse<String> page = get("trace/" + SiteFixture.KINGMAN);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>kingman_n3_theta1</h1>")
                .contains("<code class=\"cid\">" + SiteFixture.KINGMAN_CID + "</code>")
                .contains("<code class=\"checksum\">" + SiteFixture.KINGMAN_CHECKSUM + "</code>")
                .contains("<td>421 bytes</td>")
                .contains("href=\"/ipfs/" + SiteFixture.KINGMAN_CID + "/trace.json.gz\"")
                .contains("href=\"/ipfs/" + SiteFixture.KINGMAN_CID + "/metadata.json\"")
                .contains("href=\"https://doi.org/10.1007/s11222-022-10155-6\"")
                .contains("<dt>Licence</dt><dd>MIT</dd>")
                .contains("<code>QmVPMctTsuN5R9BA4DhTtPfg7XSwWQkAwiLutjZqK1g122</code>")
                .contains("Bundled with phasic-traces")
                .contains("Served by 2 of 3 gateways at the last check, 2026-12-01 06:30 UTC.")
                .contains("phasic-traces get kingman_n3_theta1")
                .contains("PhasicTrace trace = PhasicTraces.get(&quot;kingman_n3_theta1&quot;);")
                .contains("trace.pdf(new double[] {1.0}, 1.0, 0);")
                .contains("from phasic import get_trace\ntrace = get_trace(&quot;kingman_n3_theta1&quot;)")
                .contains("<path class=\"density\" d=\"M")
                .contains("Density of kingman_n3_theta1 at θ = (1)")
                .contains("<label for=\"theta-0\">θ₀ (theta)</label>")
                .contains("Exact density (uniformisation).")
                .doesNotContain("class=\"notice warning\"");
        assertThat(headings(html)).containsExactly("h1", "h2", "h2", "h3", "h2", "h2", "h2", "h2");
    }

    private static List<String> headings(String html) {
        return groups(Pattern.compile("<(h[1-6])[ >]"), html);
    }

    @Test
    void aSupersededTraceWarnsAndLinksItsReplacementAndAnUnreachableOneSaysSince() throws Exception {
        String html = get("trace/" + SiteFixture.OLD).body();
        assertThat(html).contains("<h2 id=\"warning-heading\">Superseded</h2>")
                .contains("coalescent_n3_old is superseded by kingman_n3_theta1: densities are (2+θ)× too high")
                .contains("Use <a href=\"/trace/kingman_n3_theta1\">kingman_n3_theta1</a> instead.")
                .contains("<strong>Unreachable:</strong> none of 3 gateways served it at the last check, "
                        + "2026-12-01 06:30 UTC; unreachable since 2026-11-30 06:30 UTC.");
        assertThat(get("trace/" + SiteFixture.TWO).body())
                .contains("No pin-monitoring run has been recorded for this trace.")
                .contains("<td>4.77 MiB (5000000 bytes)</td>");
    }

    @Test
    void aThetaInsideTheDomainsIsPlottedAndOneOutsideIsABadRequestWithTheMessage() throws Exception {
        HttpResponse<String> ok = get("trace/" + SiteFixture.KINGMAN + "?theta=2.5");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Density of kingman_n3_theta1 at θ = (2.5)").contains("value=\"2.5\"");

        HttpResponse<String> outside = get("trace/" + SiteFixture.KINGMAN + "?theta=-1");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("<p class=\"error\" id=\"theta-error\" role=\"alert\">θ₀ (theta) = -1 is outside "
                + "its domain (0, ∞), as kingman_n3_theta1 declares it</p>")
                .contains("aria-invalid=\"true\"").contains("value=\"-1\"").doesNotContain("<path class=\"density\"");

        HttpResponse<String> text = get("trace/" + SiteFixture.KINGMAN + "?theta=%22%3E%3Cscript%3E");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("value=\"&quot;&gt;&lt;script&gt;\"").doesNotContain("\"><script>");

        assertThat(get("trace/" + SiteFixture.TWO + "?theta=1").statusCode()).isEqualTo(400);
    }

    @Test
    void everyRegistryTextOfAHostileEntryRendersAsText() throws Exception {
        for (String path : List.of("trace/" + SiteFixture.HOSTILE, "", "?q=script")) {
            String html = get(path).body();
            assertThat(html).as(path).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>")
                    .doesNotContain("<i>").doesNotContain("href=\"javascript:").doesNotContain("onerror=alert(1)>");
            assertThat(html).as(path).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;");
            assertThat(html.split("<script ", -1)).as(path).hasSize(2);
        }
        String html = get("trace/" + SiteFixture.HOSTILE).body();
        assertThat(html).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("href=\"/ipfs/Qm")
                .contains("No plot: no source has hostile_entry")
                .contains(" javascript:alert(4)</p>");
    }

    @Test
    void anUnknownOrInvalidIdIsNotFound() throws Exception {
        for (String path : List.of("trace/no_such_trace", "trace/a%20b", "trace/UPPER", "trace/")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("<h1>Trace not found</h1>");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(DiscoverySite.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void everyResponseHasTheSecurityHeadersAndAssetsComeFromTheSite() throws Exception {
        for (String path : List.of("", "trace/" + SiteFixture.KINGMAN, "static/site.css", "static/site.js")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(DiscoverySite.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(DiscoverySite.CONTENT_SECURITY_POLICY).contains("default-src 'none'").contains("script-src 'self'")
                .doesNotContain("unsafe");
        assertThat(get("static/site.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(get("static/site.js").body()).contains("navigator.clipboard");
        String html = get("").body();
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/static/site.css\">")
                .contains("<script src=\"/static/site.js\" defer></script>").doesNotContain("<style").doesNotContain("style=");
    }

    @Test
    void otherPathsAreLeftToTheNextHandlerAndOnlyReadingIsAllowed() throws Exception {
        assertThat(get("ipfs/" + SiteFixture.KINGMAN_CID).body()).doesNotContain("phasic-traces");
        assertThat(get("static/other.txt").statusCode()).isEqualTo(404);
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(server.uri())
                .POST(HttpRequest.BodyPublishers.ofString("q=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(server.uri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length").orElse(0)).isEqualTo(get("").body()
                .getBytes(StandardCharsets.UTF_8).length);
    }
}
