package org.phasic.traces.app.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxySelectorTest {
    private static final URI HTTPS = URI.create("https://ipfs.io/ipfs/x");
    private static final URI HTTP = URI.create("http://gw.lan:8080/ipfs/x");

    private static String proxyOf(Map<String, String> environment, URI uri) {
        Proxy proxy = new EnvironmentProxySelector(environment).select(uri).get(0);
        return proxy.type() == Proxy.Type.DIRECT ? "direct"
                : proxy.type() + " " + ((InetSocketAddress) proxy.address()).getHostString() + ":"
                + ((InetSocketAddress) proxy.address()).getPort();
    }

    @Test
    void noVariablesMeansDirect() {
        assertThat(proxyOf(Map.of(), HTTPS)).isEqualTo("direct");
    }

    @Test
    void eachSchemeHasItsVariable() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://secure:3128", "HTTP_PROXY", "plain:8081");
        assertThat(proxyOf(env, HTTPS)).isEqualTo("HTTP secure:3128");
        assertThat(proxyOf(env, HTTP)).isEqualTo("HTTP plain:8081");
    }

    @Test
    void lowerCaseWinsAndAllProxyIsTheFallback() {
        assertThat(proxyOf(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"), HTTPS))
                .isEqualTo("HTTP lower:1");
        assertThat(proxyOf(Map.of("ALL_PROXY", "socks5://s:1080"), HTTP)).isEqualTo("SOCKS s:1080");
        assertThat(proxyOf(Map.of("HTTP_PROXY", "http://p"), HTTP)).isEqualTo("HTTP p:80");
    }

    @Test
    void noProxyMatchesHostsSubdomainsPortsAndStar() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://p:3128", "HTTP_PROXY", "http://p:3128",
                "NO_PROXY", "localhost, .dweb.link,ipfs.io:443,gw.lan:9999");
        assertThat(proxyOf(env, HTTPS)).isEqualTo("direct");
        assertThat(proxyOf(env, URI.create("https://bafy.ipfs.dweb.link/"))).isEqualTo("direct");
        assertThat(proxyOf(env, URI.create("https://dweb.link/"))).isEqualTo("direct");
        assertThat(proxyOf(env, URI.create("https://notipfs.io/"))).isEqualTo("HTTP p:3128");
        assertThat(proxyOf(env, HTTP)).isEqualTo("HTTP p:3128");
        assertThat(proxyOf(Map.of("HTTP_PROXY", "http://p:1", "no_proxy", "*"), HTTP)).isEqualTo("direct");
    }

    @Test
    void credentialsComeFromTheProxyUrl() {
        EnvironmentProxySelector selector = new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "http://bob:s%40fe@p:3128"));
        Proxy proxy = selector.select(HTTPS).get(0);

        assertThat(selector.credentials(proxy.address())).hasValueSatisfying(credential -> {
            assertThat(credential.getUserName()).isEqualTo("bob");
            assertThat(new String(credential.getPassword())).isEqualTo("s@fe");
        });
    }

    @Test
    void anInvalidProxyUrlNamesTheVariable() {
        assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTPS_PROXY", "ftp://p:21")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("ftp");
        assertThatThrownBy(() -> new EnvironmentProxySelector(Map.of("HTTP_PROXY", "http://[bad")))
                .hasMessageContaining("HTTP_PROXY is not a valid proxy URL");
    }
}
