package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiAddressDiscoveryTest {

    @TempDir
    Path home;

    private ApiAddressDiscovery discovery(Map<String, String> env) {
        return new ApiAddressDiscovery(env, home, ApiAddress.DEFAULT_MULTIADDR);
    }

    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/5001, http://127.0.0.1:5001",
        "/ip4/10.0.0.2/tcp/80/http, http://10.0.0.2:80",
        "/ip6/::1/tcp/5001, http://[::1]:5001",
        "/dns4/ipfs.example.org/tcp/443/https, https://ipfs.example.org:443",
        "/dns/localhost/tcp/5001, http://localhost:5001",
        "' /ip4/127.0.0.1/tcp/5001\n', http://127.0.0.1:5001",
        "http://127.0.0.1:5001, http://127.0.0.1:5001",
        "http://127.0.0.1:5001/api/v0/, http://127.0.0.1:5001",
        "https://node.example.org/ipfs-proxy/api/v0, https://node.example.org/ipfs-proxy",
    })
    void parsesMultiaddrsAndUrls(String text, String expected) {
        ApiAddress address = ApiAddress.parse(text, ApiAddress.Source.EXPLICIT);

        assertThat(address.baseUri()).isEqualTo(URI.create(expected));
        assertThat(address.rpcRoot()).isEqualTo(URI.create(expected + "/api/v0/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/ip4/127.0.0.1/udp/5001 | expected 'tcp' after the host, found 'udp'",
        "/ip4/1.2.3/tcp/5001 | '1.2.3' is not a valid ip4 host",
        "/ip4/256.0.0.1/tcp/5001 | '256.0.0.1' is not a valid ip4 host",
        "/ip4/127.0.0.1/tcp/70000 | port 70000 is out of range 1..65535",
        "/ip4/127.0.0.1/tcp/http | 'http' is not a TCP port",
        "/unix/tmp/sock/x | unsupported protocol 'unix'",
        "/ip4/127.0.0.1/tcp/5001/ws | unsupported suffix 'ws'",
        "/ip4/127.0.0.1 | expected /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>",
        "/dns4/bad_host!/tcp/1 | 'bad_host!' is not a valid dns4 host",
    })
    void rejectsMalformedMultiaddrsClearly(String text, String why) {
        assertThatThrownBy(() -> ApiAddress.parse(text, ApiAddress.Source.ENVIRONMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IPFS API address from environment variable IPFS_API: invalid multiaddr '" + text + "'")
                .hasMessageContaining(why);
    }

    @Test
    void rejectsTextThatIsNeitherMultiaddrNorUrl() {
        assertThatThrownBy(() -> ApiAddress.parse("localhost:5001", ApiAddress.Source.EXPLICIT))
                .hasMessage("IPFS API address from configuration: 'localhost:5001' is neither a multiaddr "
                        + "(/ip4/.../tcp/...) nor an http(s) URL");
        assertThatThrownBy(() -> ApiAddress.parse("http://user:pw@h:1/?q=1", ApiAddress.Source.EXPLICIT))
                .hasMessageContaining("without user info, query or fragment");
    }

    @Test
    void explicitSettingWinsOverEverything() throws IOException {
        writeApiFile(home.resolve(".ipfs"), "/ip4/127.0.0.1/tcp/1111");
        ApiAddressDiscovery discovery = discovery(Map.of("IPFS_API", "/ip4/127.0.0.1/tcp/2222"));

        ApiAddress address = discovery.discover(Optional.of("http://127.0.0.1:3333"));

        assertThat(address.baseUri()).isEqualTo(URI.create("http://127.0.0.1:3333"));
        assertThat(address.source()).isEqualTo(ApiAddress.Source.EXPLICIT);
    }

    @Test
    void environmentWinsOverApiFile() throws IOException {
        writeApiFile(home.resolve(".ipfs"), "/ip4/127.0.0.1/tcp/1111");

        ApiAddress address = discovery(Map.of("IPFS_API", "/ip4/127.0.0.1/tcp/2222")).discover(Optional.empty());

        assertThat(address.baseUri()).isEqualTo(URI.create("http://127.0.0.1:2222"));
        assertThat(address.source()).isEqualTo(ApiAddress.Source.ENVIRONMENT);
    }

    @Test
    void apiFileInIpfsPathWinsOverDefault() throws IOException {
        Path repo = home.resolve("custom-repo");
        writeApiFile(repo, "/ip4/127.0.0.1/tcp/1111\n");

        ApiAddress address = discovery(Map.of("IPFS_PATH", repo.toString())).discover(Optional.of(" "));

        assertThat(address.baseUri()).isEqualTo(URI.create("http://127.0.0.1:1111"));
        assertThat(address.source()).isEqualTo(ApiAddress.Source.REPO_API_FILE);
    }

    @Test
    void apiFileInDefaultRepoThenDefaultAddress() throws IOException {
        assertThat(discovery(Map.of()).discover(Optional.empty()))
                .isEqualTo(new ApiAddress(URI.create("http://127.0.0.1:5001"), ApiAddress.Source.DEFAULT));
        writeApiFile(home.resolve(".ipfs"), "/ip4/127.0.0.1/tcp/1234");
        assertThat(discovery(Map.of()).discover(Optional.empty()).baseUri())
                .isEqualTo(URI.create("http://127.0.0.1:1234"));
    }

    @Test
    void repoPathExpandsTilde() {
        assertThat(discovery(Map.of()).repoPath()).isEqualTo(home.resolve(".ipfs"));
        assertThat(discovery(Map.of("IPFS_PATH", "~/repos/x")).repoPath()).isEqualTo(home.resolve("repos/x"));
        assertThat(discovery(Map.of("IPFS_PATH", "/srv/ipfs")).repoPath()).isEqualTo(Path.of("/srv/ipfs"));
    }

    @Test
    void malformedApiFileNamesTheFile() throws IOException {
        Path repo = home.resolve(".ipfs");
        writeApiFile(repo, "garbage");

        assertThatThrownBy(() -> discovery(Map.of()).discover(Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(repo.resolve("api").toString())
                .hasMessageContaining("'garbage' is neither a multiaddr");
    }

    private static void writeApiFile(Path repo, String content) throws IOException {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("api"), content);
    }
}
